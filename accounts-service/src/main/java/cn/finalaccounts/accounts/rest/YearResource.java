package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.Subject;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.fiscal.year.CatalogueChanges;
import cn.finalaccounts.fiscal.year.YearFileProblem;
import cn.finalaccounts.fiscal.year.YearOpening;
import cn.finalaccounts.support.problem.ConflictProblem;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/years/{year}/dry-run}: what opening year N from the lists a bureau received would do against
 * N−1, and every reason it cannot (docs/years.md). It opens nothing and writes nothing; the operator's alone, as
 * opening a year will be.
 */
@Path("/api/v1/years/{year}/dry-run")
@Produces(MediaType.APPLICATION_JSON)
public class YearResource {
    @Inject
    Access access;

    /** The files as text, by classification id ({@code functional}, {@code economic}). */
    public record DryRunRequest(Map<String, String> lists, Map<String, String> mappings) {
    }

    public record SubjectView(String code, String name, String level) {
        static SubjectView of(Subject s) {
            return new SubjectView(s.code(), s.name(), s.level().label());
        }
    }

    public record ChangesView(List<SubjectView> added, List<SubjectView> discontinued,
            List<CatalogueChanges.Renamed> renamed, List<CatalogueChanges.Mapped> mapped,
            List<CatalogueChanges.Moved> moved) {
        static ChangesView of(CatalogueChanges c) {
            return new ChangesView(c.added().stream().map(SubjectView::of).toList(),
                    c.discontinued().stream().map(SubjectView::of).toList(), c.renamed(), c.mapped(), c.moved());
        }
    }

    public record ProblemView(String file, Integer line, String column, String reason) {
        static ProblemView of(YearFileProblem p) {
            return new ProblemView(p.file(), p.line() > 0 ? p.line() : null, p.column(), p.reason());
        }
    }

    public record PlanView(int year, int previousYear, boolean opens, List<String> inherited,
            Map<String, ChangesView> changes, List<ProblemView> problems) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public PlanView dryRun(@PathParam("year") int year, DryRunRequest request) {
        access.require(Permission.OPERATE);
        if (FiscalYears.current().year(year).isPresent()) {
            throw new ConflictProblem(year + " is open already; a year keeps its lists for good");
        }
        FiscalYear previous = FiscalYears.current().year(year - 1).orElseThrow(() -> new NotFoundProblem(
                "year " + (year - 1) + " is not open, so " + year + " cannot follow it; open years: "
                        + FiscalYears.current().available()));
        YearOpening.YearFiles files = files(request);
        YearOpening.Plan plan = YearOpening.dryRun(FiscalYears.current().sources(year - 1).orElseThrow(), previous, year, files);
        Map<String, ChangesView> changes = new LinkedHashMap<>();
        plan.changes().forEach((c, v) -> changes.put(c.id(), ChangesView.of(v)));
        return new PlanView(plan.year(), plan.previousYear(), plan.opens(),
                plan.inherited().stream().map(Classification::id).toList(), changes,
                plan.problems().stream().map(ProblemView::of).toList());
    }

    private static YearOpening.YearFiles files(DryRunRequest request) {
        if (request == null) {
            throw new InvalidInputException("$", "required: {\"lists\": {\"functional\": \"科目编码,科目名称,级次\\n…\"}}");
        }
        List<Violation> v = new ArrayList<>();
        if (request.lists() == null || request.lists().isEmpty()) {
            v.add(new Violation("lists", "required: at least one list, functional or economic, as CSV text"));
        }
        Map<Classification, byte[]> lists = texts("lists", request.lists(), v);
        Map<Classification, byte[]> mappings = texts("mappings", request.mappings(), v);
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return new YearOpening.YearFiles(lists, mappings);
    }

    private static Map<Classification, byte[]> texts(String field, Map<String, String> given, List<Violation> v) {
        Map<Classification, byte[]> texts = new EnumMap<>(Classification.class);
        if (given == null) {
            return texts;
        }
        given.forEach((key, text) -> {
            Classification c = Classification.find(key).orElse(null);
            if (c == null) {
                v.add(new Violation(field + "." + key, "not a classification: functional or economic"));
            } else if (text == null || text.isBlank()) {
                v.add(new Violation(field + "." + key, "required: the file's text, its header first"));
            } else {
                texts.put(c, text.getBytes(StandardCharsets.UTF_8));
            }
        });
        return texts;
    }
}
