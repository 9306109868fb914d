package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.Subject;
import cn.finalaccounts.fiscal.catalogue.SubjectCatalogue;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.support.problem.NotFoundProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Path("/api/v1/catalogue/{year}/{classification}")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueResource {
    private static final int MAX_RESULTS = 200;

    @Inject
    Access access;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record SubjectView(String code, String level, String name, String parent, List<String> path,
            String confidence, String note, List<SubjectView> children) {
    }

    @GET
    @Path("/{code}")
    public SubjectView get(@PathParam("year") int year, @PathParam("classification") String classification,
            @PathParam("code") String code) {
        access.require(Permission.READ_REFERENCE);
        SubjectCatalogue catalogue = catalogue(year, classification);
        Subject s = catalogue.find(code).orElseThrow(() -> new NotFoundProblem(
                "the " + year + " " + classification + " classification has no code '" + code + "'"));
        List<SubjectView> children = catalogue.subjects().stream().filter(c -> code.equals(c.parentCode()))
                .map(c -> view(catalogue, c, List.of())).toList();
        return view(catalogue, s, children);
    }

    @GET
    public List<SubjectView> search(@PathParam("year") int year, @PathParam("classification") String classification,
            @QueryParam("q") String q) {
        access.require(Permission.READ_REFERENCE);
        SubjectCatalogue catalogue = catalogue(year, classification);
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        return catalogue.subjects().stream()
                .filter(s -> needle.isEmpty() || s.code().startsWith(needle) || s.name().toLowerCase(Locale.ROOT).contains(needle))
                .limit(MAX_RESULTS)
                .map(s -> view(catalogue, s, List.of())).toList();
    }

    private static SubjectView view(SubjectCatalogue catalogue, Subject s, List<SubjectView> children) {
        List<String> path = new ArrayList<>();
        for (Subject p = s; p != null; p = p.parentCode() == null ? null : catalogue.find(p.parentCode()).orElse(null)) {
            path.add(0, p.code() + " " + p.name());
        }
        return new SubjectView(s.code(), s.level().label(), s.name(), s.parentCode(), path, s.confidence(), s.note(),
                children);
    }

    private static SubjectCatalogue catalogue(int year, String classification) {
        FiscalYear y = FiscalYears.current().year(year).orElseThrow(() -> new NotFoundProblem(
                "there is no catalogue for " + year + "; catalogues exist for " + FiscalYears.current().available()));
        Classification c;
        try {
            c = Classification.fromId(classification);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("classification", "'" + classification + "' is not a classification;"
                    + " use functional or economic");
        }
        return y.catalogue(c);
    }
}
