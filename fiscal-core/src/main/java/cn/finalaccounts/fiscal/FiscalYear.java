package cn.finalaccounts.fiscal;

import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.SubjectCatalogue;
import cn.finalaccounts.fiscal.template.YearTemplate;

/** Everything that depends on the year: the 公开 tables and the classification catalogues they are keyed by. */
public record FiscalYear(int year, YearTemplate template, SubjectCatalogue functional, SubjectCatalogue economic) {

    public SubjectCatalogue catalogue(Classification classification) {
        return classification == Classification.FUNCTIONAL ? functional : economic;
    }
}
