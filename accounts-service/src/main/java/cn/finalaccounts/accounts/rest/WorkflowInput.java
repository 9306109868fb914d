package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.service.ReportWorkflow;
import cn.finalaccounts.accounts.service.Waiver;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a workflow request, checked before the workflow runs: the workflow judges the report (its findings,
 * who submitted it); this judges the request (required fields present, lengths within what the records keep).
 */
final class WorkflowInput {
    /** report_version.decision_note and report_transition.note are VARCHAR(2000). */
    static final int MAX_REASON = 2000;
    /** unit_report.updated_by and every actor column are VARCHAR(100). */
    static final int MAX_ACTOR = 100;

    private WorkflowInput() {
    }

    static ReportWorkflow.SubmitRequest submit(ReportWorkflow.SubmitRequest request) {
        if (request == null) {
            throw new InvalidInputException("$", "required: {\"by\": \"…\", \"waivers\": [{\"rule\", \"cell\", \"reason\"}]}");
        }
        List<Violation> v = new ArrayList<>();
        List<Waiver> waivers = request.waivers() == null ? List.of() : request.waivers();
        for (int i = 0; i < waivers.size(); i++) {
            Waiver w = waivers.get(i);
            String f = "waivers[" + i + "]";
            if (w == null) {
                v.add(new Violation(f, "must be a waiver {\"rule\": \"A7.05\", \"cell\": \"05.total.2\", \"reason\": \"…\"}"));
                continue;
            }
            if (w.rule() == null || w.rule().isBlank()) {
                v.add(new Violation(f + ".rule", "required: the id of the rule whose finding is waived, e.g. A7.05"));
            }
            if (w.cell() == null || w.cell().isBlank()) {
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
            throw new InvalidInputException("$", "required: {\"by\": \"…\", \"reason\": \"…\"}");
        }
        if (request.reason() != null && request.reason().length() > MAX_REASON) {
            throw new InvalidInputException("reason", "at most " + MAX_REASON + " characters");
        }
        return request;
    }

    /** The X-Actor header of a save, or null when absent. */
    static String actor(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.strip().length() > MAX_ACTOR) {
            throw new InvalidInputException("X-Actor", "header: at most " + MAX_ACTOR + " characters");
        }
        return header.strip();
    }
}
