package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.ReportStore;
import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.support.problem.ConflictProblem;
import cn.finalaccounts.support.problem.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The unit's node, locked so that saves and transitions of one unit's reports run one at a time. Its report of a
 * year changes only while the unit is part of that year's tree: a unit out of the tree from 2024 still files and
 * corrects its 2023 决算.
 */
@ApplicationScoped
public class UnitLock {
    @Inject
    ReportStore store;

    public ReportStore.LockedNode lock(String unitCode, int year) {
        ReportStore.LockedNode unit = store.lock(unitCode).orElseThrow(() -> new NotFoundProblem(
                "no unit has the code '" + unitCode + "'; register it with PUT /api/v1/units/" + unitCode));
        NodeHistory history = unit.history();
        if (!history.inTree(year)) {
            throw new ConflictProblem(history.at(year).isPresent()
                    ? unitCode + " was removed from the tree of " + year + "; its " + year + " report can be read but not changed"
                    : unitCode + " is not in the tree of " + year + " (its first year is " + history.years().get(0)
                            + "); it files reports from that year on");
        }
        return unit;
    }
}
