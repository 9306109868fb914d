package cn.finalaccounts.fiscal.audit;

import cn.finalaccounts.fiscal.org.UnitType;
import java.util.List;
import java.util.Set;

/**
 * One 审核公式 of the rule book: an id (as in audit-rules: A7, B11 …, with a table suffix where one rule is
 * checked in several tables), a severity, one or more formulas, a tolerance, the unit types it applies to (all
 * when empty), a message in Chinese with an English gloss, and where the rule comes from.
 */
public record AuditRule(String id, Severity severity, Tolerance tolerance, List<Formula> formulas,
        Set<UnitType> appliesTo, String messageZh, String messageEn, String source) {

    public boolean appliesTo(UnitType unitType) {
        return appliesTo.isEmpty() || (unitType != null && appliesTo.contains(unitType));
    }
}
