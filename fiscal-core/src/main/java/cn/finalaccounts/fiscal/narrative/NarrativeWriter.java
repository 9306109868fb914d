package cn.finalaccounts.fiscal.narrative;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.catalogue.Subject;
import cn.finalaccounts.fiscal.catalogue.SubjectCatalogue;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.ReportBody;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes the sections of the 情况说明 (第三部分 of a published 部门决算) that follow from the figures of a completed
 * report (subtotals derived by {@code SubtotalDeriver}), in the published order and wording. Pure: no I/O.
 *
 * <p>Where the figure comes from: totals from 公开01表, shares of 收入 from 01表 and of 支出 from 03表, the
 * 一般公共预算财政拨款 from 05表 (its 类 rows for the structure), 完成年初预算 from table N {@code initial_budget},
 * 基本支出 as 人员经费 + 公用经费 of 06表, “三公” 预算 and 决算 per item from 09表, 机关运行经费 as 06表 公用经费合计
 * for 行政 and 参公 units (rule B16). Year-over-year changes are written only when last year's report is given.
 */
public final class NarrativeWriter {

    private final FiscalYear fiscalYear;

    public NarrativeWriter(FiscalYear fiscalYear) {
        this.fiscalYear = fiscalYear;
    }

    /**
     * @param report   this year's report, subtotals derived
     * @param lastYear last year's report, subtotals derived, or null when there is none (then no change is written)
     * @param unitType the unit's 单位性质, or null for a 汇总 or a unit whose 单位性质 is not registered (its
     *                 机关运行经费 is then left as a gap: only 行政 and 参公 units have one)
     */
    public Narrative write(ReportBody report, ReportBody lastYear, UnitType unitType) {
        Figures now = new Figures(report);
        Optional<Figures> before = Optional.ofNullable(lastYear).map(Figures::new);
        String y = report.year() + "年度";
        List<NarrativeSection> sections = new ArrayList<>();
        sections.add(overall(now, before, y));
        sections.add(income(now, before, y));
        sections.add(expense(now, before, y));
        sections.add(appropriation(now, before, y));
        sections.add(generalBudget(now, before, y));
        sections.add(basic(now, y));
        sections.add(sangong(now, before, y));
        sections.add(governmentFund(now, y));
        sections.add(stateCapital(now, y));
        sections.add(officeOperating(now, before, y, unitType, report.year()));
        sections.add(gapSection("十一、一般性支出情况说明", "会议费、培训费及节庆、晚会、论坛、赛事活动（不在公开表中）"));
        sections.add(gapSection("十二、关于政府采购支出说明", "政府采购支出及授予中小企业合同金额（不在公开表中）"));
        sections.add(gapSection("十三、关于国有资产占用情况说明", "车辆、通用设备、专用设备（不在公开表中）"));
        sections.add(gapSection("十四、关于" + report.year() + "年度预算绩效情况的说明",
                "部门职责、整体支出绩效与项目绩效（不在公开表中）"));
        return new Narrative(report.unit(), report.year(), sections);
    }

    // 一
    private NarrativeSection overall(Figures now, Optional<Figures> before, String y) {
        Term in = now.cell("01", "income_grand_total", "1");
        Term out = now.cell("01", "expense_grand_total", "2");
        Prose p = new Prose();
        if (in.value().compareTo(out.value()) == 0) {
            p.say(y + "收、支总计").amount(in.value(), in.cells());
        } else {
            p.say(y + "收入总计").amount(in.value(), in.cells()).say("，支出总计").amount(out.value(), out.cells());
        }
        before.ifPresent(b -> change(p, in, b.cell("01", "income_grand_total", "1")));
        return p.say("。").section("一、收入支出决算总体情况说明");
    }

    // 二
    private NarrativeSection income(Figures now, Optional<Figures> before, String y) {
        Term total = now.cell("01", "income_total", "1");
        List<Part> parts = List.of(
                new Part("财政拨款收入", now.sum("01", "1", "general_budget_appropriation", "fund_budget_appropriation",
                        "state_capital_appropriation")),
                new Part("上级补助收入", now.cell("01", "superior_subsidy_income", "1")),
                new Part("事业收入", now.cell("01", "business_income", "1")),
                new Part("经营收入", now.cell("01", "operating_income", "1")),
                new Part("附属单位上缴收入", now.cell("01", "affiliate_remittance_income", "1")),
                new Part("其他收入", now.cell("01", "other_income", "1")));
        Prose p = new Prose().say(y + "收入合计").amount(total.value(), total.cells()).say("，其中：");
        shareList(p, parts, "", "；");
        p.say("。");
        before.ifPresent(b -> sentence(p, "本年收入合计", total, b.cell("01", "income_total", "1")));
        return p.section("二、收入决算情况说明");
    }

    // 三
    private NarrativeSection expense(Figures now, Optional<Figures> before, String y) {
        Term total = now.cell("03", "total", "1");
        List<Part> parts = List.of(
                new Part("基本支出", now.cell("03", "total", "2")),
                new Part("项目支出", now.cell("03", "total", "3")),
                new Part("上缴上级支出", now.cell("03", "total", "4")),
                new Part("经营支出", now.cell("03", "total", "5")),
                new Part("对附属单位补助支出", now.cell("03", "total", "6")));
        Prose p = new Prose().say(y + "支出合计").amount(total.value(), total.cells()).say("，其中：");
        shareList(p, parts, "", "；");
        p.say("。");
        before.ifPresent(b -> {
            sentence(p, "本年支出合计", total, b.cell("03", "total", "1"));
            sentence(p, "基本支出", now.cell("03", "total", "2"), b.cell("03", "total", "2"));
            sentence(p, "项目支出", now.cell("03", "total", "3"), b.cell("03", "total", "3"));
        });
        return p.section("三、支出决算情况说明");
    }

    // 四
    private NarrativeSection appropriation(Figures now, Optional<Figures> before, String y) {
        Term in = appropriationIncome(now);
        Term out = appropriationExpense(now);
        Prose p = new Prose();
        if (in.value().compareTo(out.value()) == 0) {
            p.say(y + "财政拨款收、支总计").amount(in.value(), in.cells());
        } else {
            p.say(y + "财政拨款收入总计").amount(in.value(), in.cells()).say("，支出总计").amount(out.value(), out.cells());
        }
        before.ifPresent(b -> change(p, in, appropriationIncome(b)));
        return p.say("。").section("四、财政拨款收入支出决算总体情况说明");
    }

    /** 04表 收入总计, or 本年收入合计 + 年初财政拨款结转和结余 where the 总计 was left blank. */
    private static Term appropriationIncome(Figures f) {
        return f.present("04", "income_grand_total", "1")
                ? f.cell("04", "income_grand_total", "1")
                : f.cell("04", "income_total", "1").plus(f.cell("04", "opening_fiscal_balance", "1"));
    }

    /** 04表 支出总计 (合计栏), or 本年支出合计 + 年末财政拨款结转和结余 where the 总计 was left blank. */
    private static Term appropriationExpense(Figures f) {
        return f.present("04", "expense_grand_total", "2")
                ? f.cell("04", "expense_grand_total", "2")
                : f.cell("04", "expense_total", "2").plus(f.cell("04", "closing_fiscal_balance", "2"));
    }

    // 五
    private NarrativeSection generalBudget(Figures now, Optional<Figures> before, String y) {
        Term spent = now.cell("05", "total", "1");
        Term allSpending = now.cell("01", "expense_total", "2");

        Prose whole = new Prose().say(y + "财政拨款支出").amount(spent.value(), spent.cells());
        if (allSpending.value().signum() > 0) {
            whole.say("，占本年支出合计的").percent(Shares.rate(spent.value(), allSpending.value()),
                    concat(spent.cells(), allSpending.cells()));
        }
        before.ifPresent(b -> change(whole, spent, b.cell("05", "total", "1")));
        NarrativeSection one = whole.say("。").section("（一）财政拨款支出决算总体情况");

        SubjectCatalogue functional = fiscalYear.functional();
        List<Part> classes = now.rows("05").stream()
                .filter(code -> level(functional, code) == SubjectLevel.LEI)
                .map(code -> new Part(className(functional, code) + "（类）支出", now.cell("05", code, "1")))
                .filter(part -> part.term().value().signum() != 0)
                .toList();
        Prose structure = new Prose().say(y + "财政拨款支出").amount(spent.value(), spent.cells());
        if (!classes.isEmpty()) {
            structure.say("，主要用于以下方面：");
            shareList(structure, classes, "", "；");
        }
        NarrativeSection two = structure.say("。").section("（二）财政拨款支出决算结构情况");

        Term budget = now.cell("N", "initial_budget", "1");
        Prose detail = new Prose();
        if (now.present("N", "initial_budget", "1") && budget.value().signum() > 0) {
            detail.say(y + "财政拨款支出年初预算数为").amount(budget.value(), budget.cells())
                    .say("，支出决算数为").amount(spent.value(), spent.cells())
                    .say("，完成年初预算的").percent(Shares.rate(spent.value(), budget.value()),
                            concat(spent.cells(), budget.cells()));
        } else {
            detail.say(y + "财政拨款支出年初预算数为").gap("年初预算数")
                    .say("，支出决算数为").amount(spent.value(), spent.cells());
        }
        detail.say("，其中：");
        int n = 0;
        for (String code : now.rows("05")) {
            Term item = now.cell("05", code, "1");
            if (level(functional, code) != SubjectLevel.XIANG || item.value().signum() == 0) {
                continue;
            }
            detail.say("\n" + (++n) + "、" + itemName(functional, code) + "\n年初预算为").gap("分项年初预算")
                    .say("，支出决算为").amount(item.value(), item.cells()).say("，")
                    .gap("决算数与年初预算数差异的原因").say("。");
        }
        NarrativeSection three = detail.section("（三）财政拨款支出决算具体情况");
        return new Prose().section("五、一般公共预算财政拨款支出决算情况说明", List.of(one, two, three));
    }

    // 六
    private NarrativeSection basic(Figures now, String y) {
        Term personnel = now.cell("06", "personnel_total", "1");
        Term office = now.cell("06", "public_total", "1");
        Term basic = personnel.plus(office);
        Prose p = new Prose().say(y + "财政拨款基本支出").amount(basic.value(), basic.cells()).say("，其中：");
        List<BigDecimal> shares = Shares.of(List.of(personnel.value(), office.value()));
        economicLine(p, now, "人员经费", personnel, shares.isEmpty() ? null : shares.get(0), basic, "personnel_total");
        economicLine(p, now, "公用经费", office, shares.isEmpty() ? null : shares.get(1), basic, "public_total");
        return p.section("六、一般公共预算财政拨款基本支出决算情况说明");
    }

    private void economicLine(Prose p, Figures now, String label, Term part, BigDecimal share, Term whole,
            String fixedRow) {
        p.say("\n" + label).amount(part.value(), part.cells());
        if (share != null) {
            p.say("，占基本支出的").percent(share, concat(part.cells(), whole.cells()));
        }
        // The 款 under the 类 that make up this total (06表 sumOf), named from the economic catalogue.
        List<String> classes = fiscalYear.template().table("06").flatMap(t -> t.sumOf(fixedRow)).orElse(List.of());
        SubjectCatalogue economic = fiscalYear.economic();
        List<String> names = now.rows("06").stream()
                .filter(code -> level(economic, code) == SubjectLevel.KUAN)
                .filter(code -> economic.find(code).map(s -> classes.contains(s.parentCode())).orElse(false))
                .filter(code -> now.cell("06", code, "1").value().signum() != 0)
                .map(code -> economic.find(code).map(Subject::name).orElse(code))
                .toList();
        if (!names.isEmpty()) {
            p.say("，主要包括" + String.join("、", names));
        }
        p.say("。");
    }

    // 七
    private NarrativeSection sangong(Figures now, Optional<Figures> before, String y) {
        Term budget = now.cell("09", "sangong", "1");
        Term spent = now.cell("09", "sangong", "7");
        Prose total = new Prose().say("“三公”经费财政拨款支出预算为").amount(budget.value(), budget.cells())
                .say("，支出决算为").amount(spent.value(), spent.cells());
        completion(total, budget, spent);
        total.say("，其中：");
        sangongItem(total, "因公出国（境）费", now.cell("09", "sangong", "2"), now.cell("09", "sangong", "8"));
        sangongItem(total, "公务接待费", now.cell("09", "sangong", "6"), now.cell("09", "sangong", "12"));
        sangongItem(total, "公务用车购置费", now.cell("09", "sangong", "4"), now.cell("09", "sangong", "10"));
        sangongItem(total, "公务用车运行维护费", now.cell("09", "sangong", "5"), now.cell("09", "sangong", "11"));
        before.ifPresent(b -> {
            total.say("\n");
            sentence(total, "“三公”经费支出决算", spent, b.cell("09", "sangong", "7"));
        });
        NarrativeSection one = total.section("（一）“三公”经费财政拨款支出决算总体情况说明");

        Prose detail = new Prose().say(y + "“三公”经费财政拨款支出决算中，");
        List<Part> parts = List.of(
                new Part("公务接待费支出决算", now.cell("09", "sangong", "12")),
                new Part("因公出国（境）费支出决算", now.cell("09", "sangong", "8")),
                new Part("公务用车购置费及运行维护费支出决算",
                        now.cell("09", "sangong", "10").plus(now.cell("09", "sangong", "11"))));
        shareList(detail, parts, "", "，");
        detail.say("。其中：").gap("因公出国（境）团组和人次、公务接待批次和人次、公务用车保有量（不在公开表中）");
        NarrativeSection two = detail.section("（二）“三公”经费财政拨款支出决算具体情况说明");
        return new Prose().section("七、财政拨款“三公”经费支出决算情况说明", List.of(one, two));
    }

    private static void sangongItem(Prose p, String label, Term budget, Term spent) {
        p.say("\n" + label + "支出预算为").amount(budget.value(), budget.cells())
                .say("，支出决算为").amount(spent.value(), spent.cells());
        completion(p, budget, spent);
        p.say("。");
    }

    /** 完成预算的 x%: only against a budget above zero (a rate against nothing is undefined, not 0% or 100%). */
    private static void completion(Prose p, Term budget, Term spent) {
        if (budget.value().signum() > 0) {
            p.say("，完成预算的").percent(Shares.rate(spent.value(), budget.value()),
                    concat(spent.cells(), budget.cells()));
        } else if (spent.value().signum() != 0) {
            p.say("，未安排预算");
        }
    }

    // 八
    private NarrativeSection governmentFund(Figures now, String y) {
        Term in = now.cell("07", "total", "2");
        Term out = now.cell("07", "total", "3");
        Prose p = new Prose();
        if (in.value().signum() == 0 && out.value().signum() == 0) {
            p.say(y + "我单位无政府性基金预算财政拨款收入支出。");
        } else {
            p.say(y + "政府性基金预算财政拨款收入").amount(in.value(), in.cells())
                    .say("，支出").amount(out.value(), out.cells()).say("。");
        }
        return p.section("八、政府性基金预算收入支出决算情况");
    }

    // 九
    private NarrativeSection stateCapital(Figures now, String y) {
        Term out = now.cell("08", "total", "1");
        Prose p = new Prose();
        if (out.value().signum() == 0) {
            p.say(y + "我单位无国有资本经营预算收入支出。");
        } else {
            p.say(y + "国有资本经营预算财政拨款支出").amount(out.value(), out.cells()).say("。");
        }
        return p.section("九、国有资本经营预算收入支出决算情况说明");
    }

    // 十
    private NarrativeSection officeOperating(Figures now, Optional<Figures> before, String y, UnitType unitType,
            int year) {
        Prose p = new Prose();
        if (unitType == null) {
            p.say("本部门" + y + "机关运行经费支出").gap("行政、参公单位的06表公用经费合计（汇总或单位性质未登记时，表中无法区分）");
        } else if (unitType == UnitType.ADMINISTRATIVE || unitType == UnitType.CIVIL_SERVICE_MANAGED) {
            Term cost = now.cell("06", "public_total", "1");
            p.say("本部门" + y + "机关运行经费支出").amount(cost.value(), cost.cells());
            before.ifPresent(b -> change(p, cost, b.cell("06", "public_total", "1")));
        } else {
            p.say("本单位为" + unitType.label() + "单位，机关运行经费仅适用于行政单位和参照公务员法管理的事业单位（审核规则B16），不填列");
        }
        return p.say("。").section("十、关于机关运行经费支出说明");
    }

    private static NarrativeSection gapSection(String heading, String what) {
        return new Prose().gap(what).section(heading);
    }

    /** "，比上年增加/减少 x万元，增长/下降 y%，主要原因是…" after the figure just written. */
    private static void change(Prose p, Term now, Term before) {
        compare(p, "，", now, before);
    }

    /** A sentence of its own: "本年收入合计比上年增加 x万元，增长 y%，主要原因是…。". */
    private static void sentence(Prose p, String subject, Term now, Term before) {
        p.say(subject);
        compare(p, "", now, before);
        p.say("。");
    }

    /**
     * 比上年增加/减少 x万元，增长/下降 y%. From a zero base there is no rate: the words say so instead of
     * “增长100%”. The reason is a person's to give.
     */
    private static void compare(Prose p, String lead, Term now, Term before) {
        BigDecimal delta = now.value().subtract(before.value());
        List<SourceCell> cells = concat(now.cells(), before.cells());
        if (delta.signum() == 0) {
            p.say(lead + "与上年持平");
            return;
        }
        p.say(lead + (delta.signum() > 0 ? "比上年增加" : "比上年减少")).amount(delta.abs(), cells);
        if (before.value().signum() == 0) {
            p.say("（上年为0，不计算增长率）");
        } else {
            p.say(delta.signum() > 0 ? "，增长" : "，下降").percent(Shares.rate(delta.abs(), before.value().abs()), cells);
        }
        p.say("，主要原因是").gap("增减变化的原因");
    }

    /** "label x万元，占 y%" for each part, shares by largest remainder over the parts. */
    private static void shareList(Prose p, List<Part> parts, String lead, String separator) {
        List<BigDecimal> shares = Shares.of(parts.stream().map(part -> part.term().value()).toList());
        List<SourceCell> wholeCells = parts.stream().flatMap(part -> part.term().cells().stream()).toList();
        p.say(lead);
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (i > 0) {
                p.say(separator);
            }
            p.say(part.label()).amount(part.term().value(), part.term().cells());
            if (!shares.isEmpty()) {
                p.say("，占").percent(shares.get(i), wholeCells);
            }
        }
    }

    private static SubjectLevel level(SubjectCatalogue catalogue, String code) {
        return catalogue.find(code).map(Subject::level).orElse(null);
    }

    /** 社会保障和就业支出 → 社会保障和就业: the narrative writes “（类）支出” after the name. */
    private static String className(SubjectCatalogue functional, String code) {
        String name = functional.find(code).map(Subject::name).orElse(code);
        return name.endsWith("支出") ? name.substring(0, name.length() - 2) : name;
    }

    /** 类（类）款（款）项（项）, as the published 情况说明 names a 项. */
    private static String itemName(SubjectCatalogue functional, String code) {
        Subject item = functional.find(code).orElseThrow();
        Subject kuan = functional.find(item.parentCode()).orElseThrow();
        return className(functional, kuan.parentCode()) + "（类）" + kuan.name() + "（款）" + item.name() + "（项）";
    }

    private static List<SourceCell> concat(List<SourceCell> a, List<SourceCell> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private record Part(String label, Term term) {
    }

    /** A value with the cells it was computed from. */
    private record Term(BigDecimal value, List<SourceCell> cells) {
        Term plus(Term other) {
            return new Term(value.add(other.value), concat(cells, other.cells));
        }
    }

    /** The cells of one completed report, in 万元; a blank cell reads as zero but is still cited. */
    private static final class Figures {
        private final int year;
        private final Map<CellKey, BigDecimal> cells;

        Figures(ReportBody report) {
            this.year = report.year();
            this.cells = report.toSheet().cells();
        }

        boolean present(String table, String row, String col) {
            return cells.containsKey(new CellKey(table, row, col));
        }

        Term cell(String table, String row, String col) {
            return new Term(cells.getOrDefault(new CellKey(table, row, col), BigDecimal.ZERO),
                    List.of(new SourceCell(year, table, row, col)));
        }

        Term sum(String table, String col, String... rows) {
            Term t = new Term(BigDecimal.ZERO, List.of());
            for (String row : rows) {
                t = t.plus(cell(table, row, col));
            }
            return t;
        }

        /** The rows of a table that hold any cell, in code order. */
        List<String> rows(String table) {
            return cells.keySet().stream().filter(k -> k.table().equals(table)).map(CellKey::row).distinct()
                    .sorted().toList();
        }
    }
}
