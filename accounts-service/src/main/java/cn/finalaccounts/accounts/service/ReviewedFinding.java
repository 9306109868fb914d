package cn.finalaccounts.accounts.service;

import cn.finalaccounts.fiscal.audit.Finding;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Optional;

/** A finding as a reviewer sees it: the finding itself and, beside it, the waiver given for it if any. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewedFinding(@JsonUnwrapped Finding finding, Waiver waiver) {

    /** "05.total.2": how a waiver names the finding's cell. */
    public static String cellKey(Finding f) {
        return f.cell().table() + "." + f.cell().row() + "." + f.cell().col();
    }

    public static List<ReviewedFinding> of(List<Finding> findings, List<Waiver> waivers) {
        return findings.stream().map(f -> new ReviewedFinding(f, waiverFor(f, waivers).orElse(null))).toList();
    }

    static Optional<Waiver> waiverFor(Finding f, List<Waiver> waivers) {
        return waivers.stream().filter(w -> w.rule().equals(f.rule()) && w.cell().equals(cellKey(f))).findFirst();
    }
}
