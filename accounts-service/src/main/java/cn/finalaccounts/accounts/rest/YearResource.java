package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.OpenedYears;
import cn.finalaccounts.accounts.service.YearBook;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.Subject;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.fiscal.year.CatalogueChanges;
import cn.finalaccounts.fiscal.year.YearFileProblem;
import cn.finalaccounts.fiscal.year.YearOpening;
import cn.finalaccounts.fiscal.year.YearSources;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Caller;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The years the platform keeps (docs/years.md): {@code GET /api/v1/years} lists them, {@code GET
 * /api/v1/years/{year}} gives one with the files it is read from (what the other services learn a year from),
 * {@code POST /api/v1/years/{year}/dry-run} says what opening year N from a bureau's files would do against N−1 and
 * every reason it cannot, writing nothing, and {@code PUT /api/v1/years/{year}} opens it, all or nothing. Opening
 * and its dry run are the operator's alone; reading a year is reference, open to every role.
 */
@Path("/api/v1/years")
@Produces(MediaType.APPLICATION_JSON)
public class YearResource {
    @Inject
    Access access;

    @Inject
    YearBook book;

    /**
     * The files as text: the lists and mappings by classification id ({@code functional}, {@code economic}), other
     * files ({@code templates.json}, {@code audit-rules.json}, …) by name.
     */
    public record YearFilesRequest(Map<String, String> lists, Map<String, String> mappings,
            Map<String, String> files) {
    }

    /** A year kept: {@code source} is {@code bundled} (shipped with the build) or {@code opened}. */
    public record YearView(int year, String source, Integer previousYear, String contentDigest, String auditDigest,
            String openedBy, Instant openedAt) {
    }

    public record YearList(List<YearView> years) {
    }

    /** One year with its files as text, by name. */
    public record YearFilesView(int year, String source, String contentDigest, String auditDigest,
            Map<String, String> files) {
    }

    /** What opening did: {@code opened} false when the year was open already with the same files. */
    public record OpeningView(int year, int previousYear, boolean opened, String contentDigest, String auditDigest,
            List<String> inherited, Map<String, ChangesView> changes) {
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
        static PlanView of(YearOpening.Plan plan) {
            return new PlanView(plan.year(), plan.previousYear(), plan.opens(),
                    plan.inherited().stream().map(Classification::id).toList(), changesOf(plan),
                    plan.problems().stream().map(ProblemView::of).toList());
        }

        static Map<String, ChangesView> changesOf(YearOpening.Plan plan) {
            Map<String, ChangesView> changes = new LinkedHashMap<>();
            plan.changes().forEach((c, v) -> changes.put(c.id(), ChangesView.of(v)));
            return changes;
        }
    }

    @GET
    public YearList years() {
        access.require(Permission.READ_REFERENCE);
        List<YearView> years = new ArrayList<>();
        Map<Integer, OpenedYears.Opened> opened = new TreeMap<>();
        book.opened().forEach(y -> opened.put(y.year(), y));
        for (int year : FiscalYears.current().bundledYears()) {
            YearSources s = FiscalYears.current().sources(year).orElseThrow();
            years.add(new YearView(year, "bundled", null, s.contentDigest(), s.auditDigest(), null, null));
        }
        opened.values().forEach(y -> years.add(new YearView(y.year(), "opened", y.previousYear(), y.contentDigest(),
                y.auditDigest(), y.openedBy(), y.openedAt())));
        years.sort(java.util.Comparator.comparingInt(YearView::year));
        return new YearList(years);
    }

    @GET
    @Path("/{year}")
    public YearFilesView year(@PathParam("year") int year) {
        access.require(Permission.READ_REFERENCE);
        YearSources sources = FiscalYears.current().sources(year).orElseThrow(() -> new NotFoundProblem(
                year + " is not open; open years: " + FiscalYears.current().available()));
        Map<String, String> files = new TreeMap<>();
        sources.files().forEach((name, content) -> files.put(name, new String(content, StandardCharsets.UTF_8)));
        return new YearFilesView(year, FiscalYears.current().bundledYears().contains(year) ? "bundled" : "opened",
                sources.contentDigest(), sources.auditDigest(), files);
    }

    @POST
    @Path("/{year}/dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    public PlanView dryRun(@PathParam("year") int year, YearFilesRequest request) {
        access.require(Permission.OPERATE);
        return PlanView.of(book.dryRun(year, files(request)));
    }

    @PUT
    @Path("/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(@PathParam("year") int year, YearFilesRequest request) {
        Caller caller = access.require(Permission.OPERATE);
        YearBook.Opening opening = book.open(year, files(request), caller);
        YearOpening.Plan plan = opening.plan();
        YearSources sources = FiscalYears.current().sources(year).orElseThrow();
        OpeningView view = new OpeningView(year, plan.previousYear(), opening.opened(), sources.contentDigest(),
                sources.auditDigest(), plan.inherited().stream().map(Classification::id).toList(),
                PlanView.changesOf(plan));
        return Response.status(opening.opened() ? 201 : 200).entity(view).build();
    }

    private static YearOpening.YearFiles files(YearFilesRequest request) {
        if (request == null) {
            throw new InvalidInputException("$", "required: {\"lists\": {\"functional\": \"科目编码,科目名称,级次\\n…\"}}");
        }
        List<Violation> v = new ArrayList<>();
        if ((request.lists() == null || request.lists().isEmpty())
                && (request.files() == null || request.files().isEmpty())) {
            v.add(new Violation("lists", "required: at least one list, functional or economic, as CSV text"));
        }
        Map<Classification, byte[]> lists = texts("lists", request.lists(), v);
        Map<Classification, byte[]> mappings = texts("mappings", request.mappings(), v);
        Map<String, byte[]> others = new TreeMap<>();
        if (request.files() != null) {
            request.files().forEach((name, text) -> {
                if (!YearOpening.REPLACEABLE.contains(name)) {
                    v.add(new Violation("files." + name, "not a file a year is given: "
                            + String.join(", ", YearOpening.REPLACEABLE) + " (the lists go under lists)"));
                } else if (text == null || text.isBlank()) {
                    v.add(new Violation("files." + name, "required: the file's text"));
                } else {
                    others.put(name, text.getBytes(StandardCharsets.UTF_8));
                }
            });
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return new YearOpening.YearFiles(lists, mappings, others);
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
