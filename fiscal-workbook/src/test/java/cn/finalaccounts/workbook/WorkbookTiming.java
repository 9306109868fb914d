package cn.finalaccounts.workbook;

import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.report.ReportBody;
import java.util.List;

/**
 * For information only, never a test: writes and reads the seed's workbook and a 3,410-cell 汇总 in a loop and prints
 * the median times. Run from the module after {@code test-compile}:
 * {@code java -cp target/classes:target/test-classes:<dependencies> cn.finalaccounts.workbook.WorkbookTiming}.
 */
public final class WorkbookTiming {
    private WorkbookTiming() {
    }

    public static void main(String[] args) {
        ReportBody seed = Fixtures.seedCompleted();
        List<Finding> seedFindings = Fixtures.audit(seed);
        ReportBody summary = SummaryWorkbookTest.summary();
        List<Finding> summaryFindings = Fixtures.audit(summary);
        WorkbookHeading heading = WorkbookHeading.summary("HH-RSJ", "怀化市人力资源和社会保障局", 2023);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        for (String which : new String[] {"seed", "汇总 3,410 cells"}) {
            boolean isSeed = which.equals("seed");
            long[] write = new long[rounds];
            long[] read = new long[rounds];
            byte[] xlsx = null;
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                xlsx = isSeed ? Fixtures.workbook(Fixtures.HEADING, seed, seedFindings)
                        : Fixtures.workbook(heading, summary, summaryFindings);
                long t1 = System.nanoTime();
                Fixtures.read(xlsx);
                long t2 = System.nanoTime();
                write[i] = t1 - t0;
                read[i] = t2 - t1;
            }
            java.util.Arrays.sort(write);
            java.util.Arrays.sort(read);
            System.out.printf("%s: %d bytes, write median %.1f ms (min %.1f), read median %.1f ms (min %.1f)%n", which,
                    xlsx.length, write[rounds / 2] / 1e6, write[0] / 1e6, read[rounds / 2] / 1e6, read[0] / 1e6);
        }
        byte[] blank = Fixtures.blank();
        System.out.printf("blank form: %d bytes%n", blank.length);
    }
}
