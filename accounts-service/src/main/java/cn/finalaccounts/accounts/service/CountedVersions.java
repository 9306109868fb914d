package cn.finalaccounts.accounts.service;

import cn.finalaccounts.fiscal.workflow.ReportState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which version of each unit's report each view of the 汇总 counts, as this service's own records say: the newest
 * version ever approved counts as approved (a return does not take it out: the decision trail keeps it), and the
 * newest version submitted counts as submitted when it is newer than that. The snapshot publishes exactly these, and
 * aggregation-service's consistency check against the sources recounts every 汇总 from them.
 */
@ApplicationScoped
public class CountedVersions {
    @Inject
    EntityManager em;

    /** A unit-year's counted versions: {@code approved} null when none was ever approved. */
    public record Counted(String unit, int year, Integer approved, int latest) {
        /** The version the submitted view counts: the latest submitted, approved or not. */
        public int submitted() {
            return latest;
        }
    }

    /** Every unit-year with a submitted version, by unit and year. */
    public List<Counted> all() {
        return counted(null);
    }

    /** The unit-years of up to {@code units} units whose code comes after {@code after} (null: from the first). */
    @SuppressWarnings("unchecked")
    public List<Counted> after(String after, int units) {
        List<String> page = (after == null
                ? em.createNativeQuery("SELECT DISTINCT unit_code FROM report_version ORDER BY unit_code")
                : em.createNativeQuery("SELECT DISTINCT unit_code FROM report_version WHERE unit_code > ?1"
                        + " ORDER BY unit_code").setParameter(1, after))
                .setMaxResults(units).getResultList();
        return page.isEmpty() ? List.of() : counted(page);
    }

    /** The counted versions of these units (null: of every unit). */
    @SuppressWarnings("unchecked")
    private List<Counted> counted(List<String> units) {
        String only = units == null ? "" : " AND unit_code IN (:units)";
        var approvedQuery = em.createNativeQuery("SELECT unit_code, fiscal_year, MAX(version) FROM report_transition"
                + " WHERE to_state = :state" + only + " GROUP BY unit_code, fiscal_year")
                .setParameter("state", ReportState.APPROVED.id());
        var latestQuery = em.createNativeQuery("SELECT unit_code, fiscal_year, MAX(version) FROM report_version"
                + " WHERE 1 = 1" + only + " GROUP BY unit_code, fiscal_year ORDER BY unit_code, fiscal_year");
        if (units != null) {
            approvedQuery.setParameter("units", units);
            latestQuery.setParameter("units", units);
        }
        Map<String, Integer> approved = new HashMap<>();
        for (Object[] row : (List<Object[]>) approvedQuery.getResultList()) {
            approved.put(row[0] + "|" + row[1], ((Number) row[2]).intValue());
        }
        List<Counted> counted = new ArrayList<>();
        for (Object[] row : (List<Object[]>) latestQuery.getResultList()) {
            counted.add(new Counted((String) row[0], ((Number) row[1]).intValue(), approved.get(row[0] + "|" + row[1]),
                    ((Number) row[2]).intValue()));
        }
        return counted;
    }
}
