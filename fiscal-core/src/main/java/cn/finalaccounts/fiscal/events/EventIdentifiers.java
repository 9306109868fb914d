package cn.finalaccounts.fiscal.events;

import cn.finalaccounts.fiscal.identity.Identifier;

/**
 * A record on a topic is input from outside like a request: its identifiers must be canonical too, or one spelling
 * of a unit would be counted beside another. A record that names a code in a second spelling is undecodable (set
 * aside as poison with the reason), never counted.
 */
public final class EventIdentifiers {
    private EventIdentifiers() {
    }

    /** Refuses {@code data} (one of the platform's event records) when an identifier in it is not canonical. */
    public static void require(Object data) {
        if (data instanceof OrgNodeChanged e) {
            check(Identifier.NODE_CODE, "code", e.code());
            if (e.parentCode() != null) {
                check(Identifier.NODE_CODE, "parentCode", e.parentCode());
            }
            if (e.history() != null) {
                for (var v : e.history()) {
                    if (v == null) {
                        throw new UndecodableEventException("an event whose history holds null");
                    }
                    if (v.parentCode() != null) {
                        check(Identifier.NODE_CODE, "history.parentCode", v.parentCode());
                    }
                }
            }
        } else if (data instanceof ProjectChanged e) {
            check(Identifier.NODE_CODE, "unit", e.unit());
            check(Identifier.PROJECT_CODE, "project", e.project());
        } else if (data instanceof FundStatisticsChanged e) {
            check(Identifier.NODE_CODE, "region", e.region());
            check(Identifier.REFERENCE, "fund", e.fund());
            check(Identifier.FUND_LEVEL, "level", e.level());
        } else if (data instanceof UnitReportChanged e) {
            check(Identifier.NODE_CODE, "unit", e.unit());
        }
        // Other records carry no identifier of the platform's grammar.
    }

    /** One identifier of a record, by the field the record names it in. */
    public static void check(Identifier grammar, String field, String value) {
        grammar.problem(value).ifPresent(reason -> {
            throw new UndecodableEventException("an event whose " + field + " is not canonical: " + reason);
        });
    }
}
