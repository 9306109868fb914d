package cn.finalaccounts.fiscal.audit;

import static cn.finalaccounts.fiscal.audit.SeedAuditTest.audit;
import static cn.finalaccounts.fiscal.audit.SeedAuditTest.key;
import static cn.finalaccounts.fiscal.audit.SeedAuditTest.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One cell of the seed changed per rule family; the findings that appear beyond the seed's own are exactly those
 * of the identities that cell takes part in. Derived subtotals carry a change upwards, so a changed 项 also
 * breaks its 款 and 类 rows: those findings are expected and listed.
 */
class SingleCellMutationTest {

    @Test
    void aThreePublicSubItem() throws IOException {
        // 09表 决算 公务接待费 1.20 → 1.50: 决算合计 1.20 no longer equals its items.
        assertEquals(Set.of("A19@09.sangong.7"),
                newFindings("{\"row\": \"sangong\", \"col\": \"12\", \"amount\": \"1.20\"}",
                        "{\"row\": \"sangong\", \"col\": \"12\", \"amount\": \"1.50\"}"));
    }

    @Test
    void anEconomicClassSubtotal() throws IOException {
        // 06表 30101 基本工资 191.13 → 191.23: 301 工资福利支出 569.94 no longer equals its 款.
        assertEquals(Set.of("A15@06.301.1"),
                newFindings("{\"row\": \"30101\", \"col\": \"1\", \"amount\": \"191.13\"}",
                        "{\"row\": \"30101\", \"col\": \"1\", \"amount\": \"191.23\"}"));
    }

    @Test
    void aFunctionalClassSentWrongBesideItsItems() throws IOException {
        // 02表: the unit also sends 类 210 栏1 as 25.70 while its 项 2101101 says 25.71. The 类 is checked against
        // its 款 (A7), 合计 against the 类 (A7), and the 类 row's own columns (A6: 栏1 ≠ derived 栏2).
        assertEquals(Set.of("A7.02@02.210.1", "A7.02@02.total.1", "A6@02.210.1"),
                newFindings("{\"row\": \"2101101\", \"col\": \"1\", \"amount\": \"25.71\"}",
                        "{\"row\": \"210\", \"col\": \"1\", \"amount\": \"25.70\"}, "
                                + "{\"row\": \"2101101\", \"col\": \"1\", \"amount\": \"25.71\"}"));
    }

    @Test
    void aRowSum() throws IOException {
        // 03表 2080109 栏1 690.25 → 690.35: the row no longer equals 基本 + 项目 (A8) on the 项 and on the 款 and
        // 类 derived from it; 合计 no longer equals Σ类 (A7); 03表 类 208 no longer equals 01表 208 (B5).
        assertEquals(Set.of("A8@03.2080109.1", "A8@03.20801.1", "A8@03.208.1", "A7.03@03.total.1", "B5@03.208.1"),
                newFindings("{\"row\": \"2080109\", \"col\": \"1\", \"amount\": \"690.25\"}",
                        "{\"row\": \"2080109\", \"col\": \"1\", \"amount\": \"690.35\"}", "\"table\": \"03\""));
    }

    @Test
    void aCrossTableEquality() throws IOException {
        // 01表 210 卫生健康支出 25.71 → 25.81: 01表 本年支出合计 no longer equals Σ类 (A2), and 03表 类 210 no longer
        // equals it (B5).
        assertEquals(Set.of("A2@01.expense_total.2", "B5@03.210.1"),
                newFindings("{\"row\": \"210\", \"col\": \"2\", \"amount\": \"25.71\"}",
                        "{\"row\": \"210\", \"col\": \"2\", \"amount\": \"25.81\"}", "\"table\": \"01\""));
    }

    @Test
    void aColumnSum() throws IOException {
        // 06表 人员经费合计 618.14 → 618.24: no longer 301 + 303 (A16); 05表 基本支出 already disagrees with 06 (S3).
        assertEquals(Set.of("A16@06.personnel_total.1"),
                newFindings("{\"row\": \"personnel_total\", \"col\": \"1\", \"amount\": \"618.14\"}",
                        "{\"row\": \"personnel_total\", \"col\": \"1\", \"amount\": \"618.24\"}"));
    }

    /** Findings (rule@cell) of the mutated seed that the seed itself does not have. */
    private static Set<String> newFindings(String from, String to) throws IOException {
        return newFindings(from, to, null);
    }

    /** As above, replacing only after the first occurrence of {@code inTable} when one table must be chosen. */
    private static Set<String> newFindings(String from, String to, String inTable) throws IOException {
        String seed = seed();
        int start = inTable == null ? 0 : seed.indexOf(inTable);
        int at = seed.indexOf(from, start);
        if (at < 0) {
            throw new AssertionError("the seed has no " + from);
        }
        String mutated = seed.substring(0, at) + to + seed.substring(at + from.length());
        Set<String> before = new HashSet<>(audit(seed).stream().map(SeedAuditTest::key).toList());
        List<String> after = audit(mutated).stream().map(SeedAuditTest::key).toList();
        Set<String> added = new HashSet<>(after);
        added.removeAll(before);
        return added;
    }
}
