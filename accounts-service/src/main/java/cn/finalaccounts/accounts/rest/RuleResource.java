package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.audit.AuditRule;
import cn.finalaccounts.fiscal.audit.Formula;
import cn.finalaccounts.fiscal.audit.RuleBook;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.support.problem.NotFoundProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {
    @Inject
    Access access;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RuleView(String id, String severity, String tolerance, List<String> formulas, List<String> appliesTo,
            String messageZh, String messageEn, String source) {
        static RuleView of(AuditRule r) {
            return new RuleView(r.id(), r.severity().id(), r.tolerance().toString(),
                    r.formulas().stream().map(Formula::text).toList(),
                    r.appliesTo().stream().map(UnitType::label).sorted().toList(), r.messageZh(), r.messageEn(), r.source());
        }
    }

    public record RulesView(int year, List<RuleView> rules, List<RuleBook.InputCheck> inputChecks) {
    }

    @GET
    @Path("/{year}")
    public RulesView rules(@PathParam("year") int year) {
        access.require(Permission.READ_REFERENCE);
        FiscalYear y = FiscalYears.current().year(year).orElseThrow(() -> new NotFoundProblem(
                "there are no rules for " + year + "; rule books exist for " + FiscalYears.current().available()));
        return new RulesView(year, y.rules().rules().stream().map(RuleView::of).toList(), y.rules().inputChecks());
    }
}
