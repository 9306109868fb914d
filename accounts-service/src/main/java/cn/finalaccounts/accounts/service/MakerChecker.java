package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.ReportTransition;
import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.support.security.Caller;
import java.util.List;

/**
 * Maker-checker (审核不得审核本人上报): who submitted a version is the subject recorded on its submit transition,
 * the token's identity, never the {@code by} people type; who edited it is {@link ReportEditors}. Rows written
 * before subjects were recorded (V6) have only the name the submitter gave; for those the recorded name is compared
 * with the caller's username.
 */
final class MakerChecker {
    private MakerChecker() {
    }

    /**
     * Why {@code caller} may not decide on the version, or null: they submitted it, or they saved a revision of the
     * figures that went into it or into an earlier version of the report (whose figures it may carry on).
     */
    static String maker(ReportVersion v, Caller caller) {
        if (submittedBy(v, caller)) {
            return caller.username() + " submitted version " + v.version + " of this report";
        }
        if (ReportEditors.edited(v.unitCode, v.year, v.version, caller)) {
            return caller.username() + " edited the figures of version " + v.version + " of this report (or of an"
                    + " earlier version it carries on)";
        }
        return null;
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
