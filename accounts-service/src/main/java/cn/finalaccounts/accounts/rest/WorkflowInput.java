package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.service.ReportWorkflow;
import cn.finalaccounts.accounts.service.Waiver;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.support.json.UnicodeText;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a workflow request, checked before the workflow runs: the workflow judges the report (its findings,
 * who submitted it); this judges the request (required fields present, lengths within what the records keep).
 */
final class WorkflowInput {
    /** report_version.decision_note and report_transition.note are VARCHAR(2000). */
    static final int MAX_REASON = 2000;
    /** report_transition.actor_label is VARCHAR(100). */
    static final int MAX_LABEL = 100;

    private WorkflowInput() {
    }

    static ReportWorkflow.SubmitRequest submit(ReportWorkflow.SubmitRequest request) {
        if (request == null) {
            throw new InvalidInputException("$", "required: {\"waivers\": [{\"rule\", \"cell\", \"reason\"}]}");
        }
        List<Violation> v = new ArrayList<>();
        label(request.by(), v);
        List<Waiver> waivers = request.waivers() == null ? List.of() : request.waivers();
        for (int i = 0; i < waivers.size(); i++) {
            Waiver w = waivers.get(i);
            String f = "waivers[" + i + "]";
            if (w == null) {
                v.add(new Violation(f, "must be a waiver {\"rule\": \"A7.05\", \"cell\": \"05.total.2\", \"reason\": \"…\"}"));
                continue;
            }
            if (UnicodeText.isBlank(w.rule())) {
                v.add(new Violation(f + ".rule", "required: the id of the rule whose finding is waived, e.g. A7.05"));
            }
            if (UnicodeText.isBlank(w.cell())) {
                v.add(new Violation(f + ".cell", "required: the finding's cell as table.row.col, e.g. 05.total.2"));
            }
            if (w.reason() != null && w.reason().length() > MAX_REASON) {
                v.add(new Violation(f + ".reason", "at most " + MAX_REASON + " characters"));
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return request;
    }

    static ReportWorkflow.DecisionRequest decision(ReportWorkflow.DecisionRequest request) {
        if (request == null) {
            throw new InvalidInputException("$", "required: {\"reason\": \"…\"}");
        }
        List<Violation> v = new ArrayList<>();
        label(request.by(), v);
        if (request.reason() != null && request.reason().length() > MAX_REASON) {
            v.add(new Violation("reason", "at most " + MAX_REASON + " characters"));
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return request;
    }

    /** {@code by} is optional: a display label kept with the decision, never who acts (that is the token's caller). */
    private static void label(String by, List<Violation> v) {
        if (by != null && by.strip().length() > MAX_LABEL) {
            v.add(new Violation("by", "at most " + MAX_LABEL + " characters (an optional display label)"));
        } else if (by != null && UnicodeText.firstLineBreak(by.strip()) >= 0) {
            v.add(new Violation("by", UnicodeText.lineBreakReason(by.strip(), UnicodeText.firstLineBreak(by.strip()))));
        }
    }
}
