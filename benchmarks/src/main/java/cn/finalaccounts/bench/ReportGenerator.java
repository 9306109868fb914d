package cn.finalaccounts.bench;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.catalogue.Subject;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes a realistic, internally consistent 决算 report from the year's catalogue: a unit spending only general-
 * budget appropriations on {@code items} 项 of the functional classification, basic and project, with 06表 and
 * 09表 to match. It passes every error-level rule, so a benchmark measures the audit of a clean report.
 */
public final class ReportGenerator {
    private static final List<String> ECONOMIC_PERSONNEL = List.of("30101", "30102", "30103", "30108", "30110", "30112");
    private static final List<String> ECONOMIC_PUBLIC = List.of("30201", "30205", "30207", "30211", "30228", "30299");

    private final FiscalYear year;
    private final List<Subject> xiang;

    public ReportGenerator(FiscalYear year) {
        this.year = year;
        this.xiang = year.functional().subjects().stream()
                .filter(s -> s.level() == SubjectLevel.XIANG && s.code().startsWith("20"))
                .filter(s -> !s.code().startsWith("207") && !s.code().startsWith("209"))
                .toList();
    }

    public ReportBody generate(String unit, int items, long seed) {
        Random random = new Random(seed);
        List<Subject> chosen = new ArrayList<>(xiang);
        java.util.Collections.shuffle(chosen, random);
        chosen = chosen.subList(0, Math.min(items, chosen.size()));

        List<ReportCell> t02 = new ArrayList<>();
        List<ReportCell> t03 = new ArrayList<>();
        List<ReportCell> t05 = new ArrayList<>();
        Map<String, BigDecimal> byClass = new LinkedHashMap<>();
        BigDecimal basic = BigDecimal.ZERO;
        BigDecimal project = BigDecimal.ZERO;
        for (Subject s : chosen) {
            BigDecimal b = cents(random, 0, 50_000);
            BigDecimal p = random.nextInt(3) == 0 ? cents(random, 0, 20_000) : BigDecimal.ZERO.setScale(2);
            BigDecimal total = b.add(p);
            basic = basic.add(b);
            project = project.add(p);
            byClass.merge(s.code().substring(0, 3), total, BigDecimal::add);
            t02.add(cell(s.code(), "1", total));
            t02.add(cell(s.code(), "2", total));
            for (List<ReportCell> t : List.of(t03, t05)) {
                t.add(cell(s.code(), "1", total));
                t.add(cell(s.code(), "2", b));
                t.add(cell(s.code(), "3", p));
            }
        }
        BigDecimal all = basic.add(project);
        t02.add(cell("total", "1", all));
        t02.add(cell("total", "2", all));
        for (List<ReportCell> t : List.of(t03, t05)) {
            t.add(cell("total", "1", all));
            t.add(cell("total", "2", basic));
            t.add(cell("total", "3", project));
        }

        List<ReportCell> t01 = new ArrayList<>(List.of(cell("general_budget_appropriation", "1", all),
                cell("income_total", "1", all), cell("income_grand_total", "1", all)));
        List<ReportCell> t04 = new ArrayList<>(List.of(cell("general_budget_appropriation", "1", all),
                cell("income_total", "1", all), cell("income_grand_total", "1", all)));
        byClass.forEach((c, amount) -> {
            t01.add(cell(c, "2", amount));
            t04.add(cell(c, "2", amount));
            t04.add(cell(c, "3", amount));
        });
        t01.add(cell("expense_total", "2", all));
        t01.add(cell("expense_grand_total", "2", all));
        for (String col : List.of("2", "3")) {
            t04.add(cell("expense_total", col, all));
            t04.add(cell("expense_grand_total", col, all));
        }

        List<ReportCell> t06 = new ArrayList<>();
        BigDecimal personnel = basic.multiply(new BigDecimal("0.8")).setScale(2, java.math.RoundingMode.DOWN);
        spread(t06, "301", "personnel_total", ECONOMIC_PERSONNEL, personnel);
        spread(t06, "302", "public_total", ECONOMIC_PUBLIC, basic.subtract(personnel));

        BigDecimal reception = cents(random, 0, 300);
        List<ReportCell> t09 = List.of(cell("sangong", "1", reception), cell("sangong", "6", reception),
                cell("sangong", "7", reception), cell("sangong", "12", reception));
        return new ReportBody(unit, year.year(), AmountUnit.WAN_YUAN, List.of(table("01", t01), table("02", t02),
                table("03", t03), table("04", t04), table("05", t05), table("06", t06), table("09", t09)));
    }

    /** Splits an amount over the given 款 of one 类, and states the 类 and the block's 合计. */
    private static void spread(List<ReportCell> t06, String lei, String totalRow, List<String> kuan, BigDecimal amount) {
        BigDecimal share = amount.divide(BigDecimal.valueOf(kuan.size()), 2, java.math.RoundingMode.DOWN);
        BigDecimal rest = amount;
        for (int i = 0; i < kuan.size(); i++) {
            BigDecimal a = i == kuan.size() - 1 ? rest : share;
            t06.add(cell(kuan.get(i), "1", a));
            rest = rest.subtract(a);
        }
        t06.add(cell(lei, "1", amount));
        t06.add(cell(totalRow, "1", amount));
    }

    private static BigDecimal cents(Random random, int minCents, int maxCents) {
        return BigDecimal.valueOf(minCents + random.nextInt(maxCents - minCents + 1), 2);
    }

    private static ReportCell cell(String row, String col, BigDecimal amount) {
        return new ReportCell(row, col, amount);
    }

    private static ReportTable table(String id, List<ReportCell> cells) {
        return new ReportTable(id, List.copyOf(cells));
    }
}
