package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.OrgNode;
import cn.finalaccounts.aggregation.persistence.OrgNodeVersion;
import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.figures.NamedFigures;
import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.CountedView;
import cn.finalaccounts.support.problem.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The headline figures of a node and of each of its children over the open years (the dashboard's trend). Each
 * year's figure is read through that year's named figures (fiscal-core), so a template that moves a row between
 * years still gives the same figure.
 */
@ApplicationScoped
public class Trend {
    /** The figures the dashboard shows, by their names in the registry. */
    public static final List<String> HEADLINE = List.of("income_total", "expense_total", "basic_expense",
            "project_expense", "fiscal_appropriation_income", "sangong_total");

    @Inject
    KeptSummaries summaries;

    public record Figure(String id, String zh) {
    }

    /** One year of a node: each headline figure's amount (absent where the 汇总 has no such cell). */
    public record Point(int year, Map<String, String> figures) {
    }

    public record Series(String node, String name, String kind, List<Point> years) {
    }

    public record TrendView(String node, String view, List<Integer> years, List<Figure> figures, List<Series> series) {
    }

    public TrendView of(String nodeCode, CountedView view, SortedSet<Integer> years) {
        OrgNode node = OrgNode.findById(nodeCode);
        if (node == null) {
            throw new NotFoundProblem("no node has the code '" + nodeCode + "'");
        }
        List<Series> series = new ArrayList<>();
        String name = OrgNodeVersion.at(nodeCode, years.last()).map(v -> v.name).orElse(node.name);
        series.add(series(nodeCode, name, node.kind, view, years));
        // The node's children in the last year's tree, each with its own 汇总 of every year (wherever it counted then).
        for (OrgNodeVersion child : OrgNodeVersion.childrenOf(nodeCode, years.last())) {
            series.add(series(child.code, child.name, child.kind, view, years));
        }
        NamedFigures names = FiscalYears.current().year(years.last()).orElseThrow().figures();
        return new TrendView(nodeCode, view.id(), List.copyOf(years), HEADLINE.stream()
                .map(id -> new Figure(id, names.figure(id).zh())).toList(), series);
    }

    private Series series(String code, String name, String kind, CountedView view, SortedSet<Integer> years) {
        List<Point> points = new ArrayList<>();
        for (int year : years) {
            FiscalYear fiscalYear = FiscalYears.current().year(year).orElseThrow();
            CellSheet sheet = summaries.read(code, view, year);
            Map<String, String> figures = new LinkedHashMap<>();
            for (String id : HEADLINE) {
                BigDecimal amount = sheet.cells().get(fiscalYear.figures().cell(id));
                if (amount != null) {
                    figures.put(id, Amounts.format(amount));
                }
            }
            points.add(new Point(year, figures));
        }
        return new Series(code, name, kind, points);
    }
}
