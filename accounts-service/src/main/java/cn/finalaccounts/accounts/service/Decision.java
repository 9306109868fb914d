package cn.finalaccounts.accounts.service;

import cn.finalaccounts.fiscal.workflow.ReportState;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a row of a report's decision trail records, named by the state it led to: a unit submits (上报), a reviewer
 * approves (审核通过) or returns (退回), and a unit edits a returned report (退回后修改, back to a draft). The
 * state says where a report stands now; the trail says how it got there, and nothing in it is ever overwritten.
 */
public enum Decision {
    SUBMIT("submit", ReportState.SUBMITTED),
    APPROVE("approve", ReportState.APPROVED),
    RETURN("return", ReportState.RETURNED),
    EDIT("edit", ReportState.DRAFT);

    private final String id;
    private final ReportState leadsTo;

    Decision(String id, ReportState leadsTo) {
        this.id = id;
        this.leadsTo = leadsTo;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The decision a recorded move to {@code state} was; one per state, so the trail needs no extra column. */
    public static Decision leadingTo(String state) {
        ReportState s = ReportState.fromId(state);
        for (Decision d : values()) {
            if (d.leadsTo == s) {
                return d;
            }
        }
        throw new IllegalStateException("no decision leads to " + state);
    }

    /** Approve and return are a reviewer's decisions on a submitted version (maker-checker applies to them). */
    public boolean byReviewer() {
        return this == APPROVE || this == RETURN;
    }
}
