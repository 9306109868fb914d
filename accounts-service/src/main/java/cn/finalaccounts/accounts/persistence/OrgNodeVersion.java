package cn.finalaccounts.accounts.persistence;

import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.org.NodeVersion;
import cn.finalaccounts.fiscal.org.UnitType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a node stands from a year on ({@link NodeHistory}); {@link OrgNode} holds the latest version. */
@Entity
@Table(name = "org_node_version")
public class OrgNodeVersion extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 64)
    public String code;

    @Column(name = "from_year", nullable = false)
    public int fromYear;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "unit_type", length = 16)
    public String unitType;

    @Column(name = "parent_code", length = 64)
    public String parentCode;

    @Column(nullable = false)
    public boolean removed;

    /** The node year by year; empty for a code never registered. */
    public static Optional<NodeHistory> historyOf(String code) {
        List<OrgNodeVersion> rows = list("code = ?1 order by fromYear", code);
        return rows.isEmpty() ? Optional.empty() : Optional.of(new NodeHistory(rows.stream().map(OrgNodeVersion::version).toList()));
    }

    /** Every node's history, by code: one query for a listing of the tree. */
    public static Map<String, NodeHistory> histories() {
        return histories(OrgNodeVersion.<OrgNodeVersion>list("order by code, fromYear"));
    }

    /** The histories of these nodes, by code: one query. */
    public static Map<String, NodeHistory> historiesOf(Collection<String> codes) {
        return histories(OrgNodeVersion.<OrgNodeVersion>list("code in ?1 order by code, fromYear", codes));
    }

    private static Map<String, NodeHistory> histories(List<OrgNodeVersion> rows) {
        Map<String, List<NodeVersion>> byCode = new HashMap<>();
        for (OrgNodeVersion row : rows) {
            byCode.computeIfAbsent(row.code, c -> new ArrayList<>()).add(row.version());
        }
        Map<String, NodeHistory> histories = new HashMap<>();
        byCode.forEach((code, versions) -> histories.put(code, new NodeHistory(versions)));
        return histories;
    }

    /** Replaces the node's stored history with {@code history}. */
    public static void store(String code, NodeHistory history) {
        // Row by row through the persistence context, which may hold them already (a bulk delete would leave
        // those copies behind and a new row with the same key would clash with them).
        Map<Integer, OrgNodeVersion> kept = new HashMap<>();
        OrgNodeVersion.<OrgNodeVersion>list("code", code).forEach(r -> kept.put(r.fromYear, r));
        for (NodeVersion v : history.versions()) {
            OrgNodeVersion row = kept.remove(v.fromYear());
            boolean added = row == null;
            if (added) {
                row = new OrgNodeVersion();
                row.code = code;
                row.fromYear = v.fromYear();
            }
            row.name = v.name();
            row.unitType = v.unitType() == null ? null : v.unitType().label();
            row.parentCode = v.parentCode();
            row.removed = v.removed();
            if (added) {
                row.persist();
            }
        }
        kept.values().forEach(OrgNodeVersion::delete);
    }

    /** The years after {@code year} in which some node of the tree changes: the trees to check a change against. */
    public static List<Integer> changeYearsAfter(int year) {
        return getEntityManager().createQuery("select distinct v.fromYear from OrgNodeVersion v where v.fromYear > ?1"
                + " order by v.fromYear", Integer.class).setParameter(1, year).getResultList();
    }

    /** The codes that hang under {@code parent} in at least one year. */
    public static List<String> childrenInSomeYear(String parent) {
        return getEntityManager().createQuery("select distinct v.code from OrgNodeVersion v where v.parentCode = ?1"
                + " order by v.code", String.class).setParameter(1, parent).getResultList();
    }

    private NodeVersion version() {
        return new NodeVersion(fromYear, name, unitType == null ? null : UnitType.fromLabel(unitType), parentCode, removed);
    }
}
