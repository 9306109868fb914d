package cn.finalaccounts.accounts.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** A unit this one was merged or split from, and the first year it reports as what the change made. */
@Entity
@Table(name = "unit_predecessor")
public class UnitPredecessor extends PanacheEntityBase {
    /** {@code merged}: the unit was formed by merging its predecessors; {@code split}: carved out of one. */
    public static final String MERGED = "merged";
    public static final String SPLIT = "split";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "unit_code", nullable = false, length = 64)
    public String unitCode;

    @Column(name = "predecessor_code", nullable = false, length = 64)
    public String predecessorCode;

    @Column(nullable = false, length = 16)
    public String relation;

    @Column(name = "since_year", nullable = false)
    public int sinceYear;

    public static List<UnitPredecessor> of(String unit) {
        return list("unitCode = ?1 ORDER BY predecessorCode", unit);
    }
}
