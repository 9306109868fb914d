package cn.finalaccounts.bench;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.audit.AuditInput;
import cn.finalaccounts.fiscal.audit.Auditor;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long the audit of one full report takes: every rule of the 2023 rule book over a report of about 300
 * cells, with and without deriving its subtotals first. Sample time, so the output has the median (p0.50).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditBenchmark {
    /** 项 rows per report: 35 gives about 300 sent cells. */
    @Param({"35"})
    int items;

    private FiscalYear year;
    private Auditor auditor;
    private ReportBody sent;
    private ReportBody completed;

    @Setup
    public void setUp() {
        year = FiscalYears.current().year(2023).orElseThrow();
        auditor = new Auditor(year);
        sent = new ReportGenerator(year).generate("BENCH-UNIT", items, 42);
        completed = SubtotalDeriver.complete(sent, year);
    }

    @Benchmark
    public List<Finding> auditCompletedReport() {
        return auditor.audit(new AuditInput(completed, null, UnitType.PUBLIC_INSTITUTION));
    }

    @Benchmark
    public List<Finding> deriveAndAudit() {
        return auditor.audit(new AuditInput(SubtotalDeriver.complete(sent, year), null, UnitType.PUBLIC_INSTITUTION));
    }
}
