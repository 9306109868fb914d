package cn.finalaccounts.fiscal.audit;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.org.UnitType;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Writes the rule books as the Markdown of docs/audit-rules.md, so the document always says exactly what the
 * engine runs (a test fails when the document and the rule data disagree).
 */
public final class RuleBookDocument {
    private RuleBookDocument() {
    }

    public static String markdown(Collection<FiscalYear> years) {
        StringBuilder md = new StringBuilder();
        md.append("# Audit rules (审核公式)\n\n")
                .append("Generated from `fiscal-core/src/main/resources/fiscal/{year}/audit-rules.json` by `RuleBookDocument`;\n")
                .append("do not edit by hand. Regenerate with\n")
                .append("`./mvnw -pl fiscal-core test -Dtest=RuleBookDocumentTest -Dregenerate-docs=true`. The files name the\n")
                .append("year's headline figures by name (`#income_total`; the cell each stands for is in `named-figures.json`),\n")
                .append("so a template that moves a row changes that file alone; the formulas below print the cells.\n\n")
                .append("The same engine checks a unit's report and a 汇总. Blank cells count as zero; a check whose cells\n")
                .append("are all blank, or that sums the children of a row that has none, says nothing. Subtotals a unit\n")
                .append("leaves blank (款, 类, 合计, 06表 人员/公用经费合计) are derived before the rules run, so the rules\n")
                .append("check the subtotals a unit did send. Tolerance `exact` means the two sides must be equal to the\n")
                .append("cent; `0.01/cell` allows 0.01 万元 per summed cell, for figures each rounded on their own.\n\n")
                .append("Formula language: `T01`–`T09` are 公开01–09表 and `TN` the figures quoted in the 情况说明; a cell\n")
                .append("is `table.row.column` (`T05.total.2` = 05表 合计 · 基本支出); `for r in rows(T02):` checks every\n")
                .append("row present, `类(T03, T01)` every 类 row present in either table, `cols(T05)` every column;\n")
                .append("`sum(T05.类.2)` adds the 类 rows, `sum(T02.children(r).k)` the rows directly under `r`;\n")
                .append("`prev(…)` reads last year's report (the rule is skipped when there is none).\n");
        for (FiscalYear year : years) {
            md.append("\n## ").append(year.year()).append("\n\n");
            md.append("| id | severity | tolerance | applies to | formulas | message | source |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
            for (AuditRule r : year.rules().rules()) {
                md.append("| ").append(r.id())
                        .append(" | ").append(r.severity().id())
                        .append(" | ").append(r.tolerance())
                        .append(" | ").append(r.appliesTo().isEmpty() ? "all units"
                                : r.appliesTo().stream().map(UnitType::label).sorted().collect(Collectors.joining(", ")))
                        .append(" | ").append(r.formulas().stream().map(f -> "`" + f.text() + "`")
                                .collect(Collectors.joining("<br>")))
                        .append(" | ").append(r.messageZh()).append(" — ").append(r.messageEn())
                        .append(" | ").append(r.source()).append(" |\n");
            }
            md.append("\nEnforced when a report is received (a refusal is a 4xx naming each cell, never a finding):\n\n");
            for (RuleBook.InputCheck c : year.rules().inputChecks()) {
                md.append("- **").append(c.id()).append("** ").append(c.messageZh()).append(" — ").append(c.messageEn())
                        .append(" (").append(c.source()).append(")\n");
            }
        }
        return md.toString();
    }
}
