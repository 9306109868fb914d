package cn.finalaccounts.fiscal;

import cn.finalaccounts.fiscal.audit.RuleBook;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.SubjectCatalogue;
import cn.finalaccounts.fiscal.figures.NamedFigures;
import cn.finalaccounts.fiscal.narrative.NarrativeRuleBook;
import cn.finalaccounts.fiscal.template.YearTemplate;

/**
 * Everything that depends on the year: the 公开 tables, the classification catalogues they are keyed by, the audit
 * rules (审核公式) that check them, the headline figures by name and the rules of the 情况说明 check.
 */
public record FiscalYear(int year, YearTemplate template, SubjectCatalogue functional, SubjectCatalogue economic,
        RuleBook rules, NamedFigures figures, NarrativeRuleBook narrativeRules) {

    public SubjectCatalogue catalogue(Classification classification) {
        return classification == Classification.FUNCTIONAL ? functional : economic;
    }
}
