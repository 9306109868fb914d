package cn.finalaccounts.fiscal.workflow;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which version of each unit's report a 汇总 counts: the latest approved one (the official figures) or the latest
 * submitted one (the working figures, which include versions still under review). Drafts count in neither.
 */
public enum CountedView {
    APPROVED("approved"), SUBMITTED("submitted");

    private final String id;

    CountedView(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<CountedView> parse(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }

    /** The views a report in this state enters: an approved version is also the latest submitted one. */
    public static CountedView[] countedIn(ReportState state) {
        return switch (state) {
            case SUBMITTED -> new CountedView[] {SUBMITTED};
            case APPROVED -> new CountedView[] {APPROVED, SUBMITTED};
            case DRAFT, RETURNED -> new CountedView[0];
        };
    }
}
