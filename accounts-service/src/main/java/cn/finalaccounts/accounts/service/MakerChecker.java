package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.ReportTransition;
import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.support.security.Caller;
import java.util.List;

/**
 * Maker-checker (审核不得审核本人上报): who submitted a version is the subject recorded on its submit transition,
 * the token's identity, never the {@code by} people type. Rows written before subjects were recorded (V6) have
 * only the name the submitter gave; for those the recorded name is compared with the caller's username.
 */
final class MakerChecker {
    private MakerChecker() {
    }

    /** Whether {@code caller} is the person who submitted the version. */
    static boolean submittedBy(ReportVersion v, Caller caller) {
        List<ReportTransition> submits = ReportTransition.of(v.unitCode, v.year, v.version).stream()
                .filter(t -> ReportState.SUBMITTED.id().equals(t.toState)).toList();
        if (submits.isEmpty()) {
            return v.submittedBy.equals(caller.username());
        }
        ReportTransition submit = submits.get(submits.size() - 1);
        return submit.actorSubject != null ? submit.actorSubject.equals(caller.subject())
                : caller.username().equals(submit.actor);
    }
}
