package cn.finalaccounts.fiscal.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a unit's report of a year stands: a draft (填报中, editable), submitted (已上报, awaiting review),
 * approved (已审核, locked against edits: the official figures) or returned (已退回, editable again, with the
 * reviewer's reason). Only submitted and approved versions count in a 汇总.
 */
public enum ReportState {
    DRAFT, SUBMITTED, APPROVED, RETURNED;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static ReportState fromId(String id) {
        return valueOf(id.toUpperCase());
    }

    /** May the unit change its figures? */
    public boolean editable() {
        return this == DRAFT || this == RETURNED;
    }

    public boolean maySubmit() {
        return editable();
    }

    /** A submitted version is approved or returned by a reviewer. */
    public boolean mayApprove() {
        return this == SUBMITTED;
    }

    /**
     * A reviewer may also return an approved version when a correction is needed after approval: it is then
     * editable again, and its approved figures keep counting until the corrected version is approved.
     */
    public boolean mayReturn() {
        return this == SUBMITTED || this == APPROVED;
    }
}
