package cn.finalaccounts.bench;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.audit.AuditInput;
import cn.finalaccounts.fiscal.audit.Auditor;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import cn.finalaccounts.workbook.ReportWorkbook;
import cn.finalaccounts.workbook.WorkbookHeading;
import cn.finalaccounts.workbook.WorkbookReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Excel in and out (fiscal-workbook): the workbook of one full report written and read back into the report
 * shape, and the 汇总 of a 10,000-unit region written, in a JVM held to a 256 MiB heap so that streaming is
 * what makes it fit. Sample time, so the output has the median (p0.50); the heap's peak is printed at the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class WorkbookBenchmark {
    /** Units summed into the region's 汇总, as in W1. */
    private static final int REGION_UNITS = 10_000;

    private FiscalYears years;
    private FiscalYear year;
    private ReportBody report;
    private List<Finding> findings;
    private byte[] reportWorkbook;
    private ReportBody region;

    @Setup
    public void setUp() throws IOException {
        years = FiscalYears.current();
        year = years.year(2023).orElseThrow();
        ReportGenerator generator = new ReportGenerator(year);
        // About 300 sent cells (35 项 rows), with its subtotals derived, as GET …/reports/{year} exports it.
        report = SubtotalDeriver.complete(generator.generate("BENCH-UNIT", 35, 42), year);
        findings = new Auditor(year).audit(new AuditInput(report, null, UnitType.PUBLIC_INSTITUTION));
        reportWorkbook = exportReport().toByteArray();
        CellSheet sum = new CellSheet();
        for (int i = 0; i < REGION_UNITS; i++) {
            sum.addAll(SubtotalDeriver.complete(generator.generate("BENCH-" + i, 35, i), year).toSheet());
        }
        region = ReportBody.fromSheet("431200", 2023, sum);
        System.out.printf("%nreport: %d cells, workbook %,d bytes; region 汇总: %d cells, workbook %,d bytes%n",
                report.toSheet().size(), reportWorkbook.length, sum.size(), exportRegionSummary().size());
    }

    @Benchmark
    public ByteArrayOutputStream exportReport() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportWorkbook.write(year.template(), WorkbookHeading.unitReport("BENCH-UNIT", "基准测试单位", 2023), report,
                findings, out);
        return out;
    }

    @Benchmark
    public ReportBody importReport() {
        // What PUT …/reports/{year} with a workbook does before the save: read it, then the JSON path's parser.
        return new ReportParser(years).parse(new WorkbookReader(years)
                .read(new ByteArrayInputStream(reportWorkbook), "BENCH-UNIT", 2023).report());
    }

    @Benchmark
    public ByteArrayOutputStream exportRegionSummary() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportWorkbook.write(year.template(), WorkbookHeading.summary("431200", "怀化市", 2023), region, List.of(), out);
        return out;
    }

    @TearDown(Level.Trial)
    public void peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%npeak heap (sum of the heap pools' peaks, -Xmx256m): %.1f MiB%n", peak / 1048576.0);
    }
}
