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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/catalogue/{year}/{classification}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue", description = "政府收支分类科目: 支出功能分类 (functional) and 部门预算支出经济分类 (economic), by year")
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
    @Operation(summary = "One 科目 with its path (类 › 款 › 项) and its children, e.g. functional/2080109",
            description = "confidence is high when the code was checked against the 科目 book, medium when it still"
                    + " needs checking. Needs READ_REFERENCE (any role).")
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
    @Operation(summary = "Search the 科目 by name or code prefix, e.g. ?q=社会保险 or ?q=20801",
            description = "Needs READ_REFERENCE (any role).")
    public List<SubjectView> search(@PathParam("year") int year, @PathParam("classification") String classification,
            @Parameter(description = "part of a name, or the start of a code") @QueryParam("q") String q) {
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
        FiscalYear y = FiscalYears.bundled().year(year).orElseThrow(() -> new NotFoundProblem(
                "there is no catalogue for " + year + "; catalogues exist for " + FiscalYears.bundled().available()));
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
