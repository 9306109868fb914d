package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OpenedYears;
import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.fiscal.year.YearFileProblem;
import cn.finalaccounts.fiscal.year.YearOpening;
import cn.finalaccounts.fiscal.year.YearSources;
import cn.finalaccounts.support.problem.ConflictProblem;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.AuditTrail;
import cn.finalaccounts.support.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The years this platform keeps: those bundled with the build and those the operator opened from a bureau's files
 * (docs/years.md). accounts-service owns them: an opened year is stored with its files and the audit line in one
 * transaction, and only then added to the process's {@link FiscalYears}; another instance, or this one after a
 * restart, learns it from the database at its first use. The other services ask {@code GET /api/v1/years/{year}}.
 */
@ApplicationScoped
public class YearBook {
    /** How long "not open" is believed before the database is asked again (a year opened on another instance). */
    static final long MISS_NANOS = 5_000_000_000L;

    @Inject
    OpenedYears stored;

    @Inject
    AuditTrail trail;

    private final Map<Integer, Long> misses = new ConcurrentHashMap<>();

    /** What opening did: the plan it followed, and whether this request opened the year (false: open already). */
    public record Opening(YearOpening.Plan plan, boolean opened) {
    }

    void onStart(@Observes StartupEvent start) throws SQLException {
        FiscalYears.current().lookUpWith(this::lookUp);
        // In year order, so each year is built over the one before it (which lends its 科目 their confidence).
        for (OpenedYears.Opened y : stored.list()) {
            stored.sources(y.year()).ifPresent(FiscalYears.current()::add);
        }
    }

    private Optional<YearSources> lookUp(int year) {
        Long missed = misses.get(year);
        if (missed != null && System.nanoTime() - missed < MISS_NANOS) {
            return Optional.empty();
        }
        try {
            Optional<YearSources> sources = stored.sources(year);
            if (sources.isEmpty()) {
                misses.put(year, System.nanoTime());
            }
            return sources;
        } catch (SQLException e) {
            throw new IllegalStateException("the opened years cannot be read: " + e.getMessage(), e);
        }
    }

    public List<OpenedYears.Opened> opened() {
        try {
            return stored.list();
        } catch (SQLException e) {
            throw new IllegalStateException("the opened years cannot be read: " + e.getMessage(), e);
        }
    }

    /** The dry run: 409 for a year open already, 404 when the year before is not open. */
    public YearOpening.Plan dryRun(int year, YearOpening.YearFiles files) {
        if (FiscalYears.current().year(year).isPresent()) {
            throw new ConflictProblem(year + " is open already; a year keeps its files for good");
        }
        return plan(year, files);
    }

    /**
     * Opens the year from the files, all or nothing: a plan with problems is refused (422, each problem named) and
     * nothing is stored; the same files for a year open already change nothing; other files are refused (409).
     */
    public Opening open(int year, YearOpening.YearFiles files, Caller caller) {
        YearOpening.Plan plan = plan(year, files);
        Optional<YearSources> present = FiscalYears.current().sources(year);
        if (present.isPresent()) {
            if (holdsGiven(present.get(), files)) {
                return new Opening(plan, false);
            }
            throw new ConflictProblem(year + " is open already with other files (" + present.get().contentDigest()
                    + "); a year keeps its files for good");
        }
        if (!plan.opens()) {
            throw new InvalidInputException(plan.problems().stream().map(YearBook::violation).toList());
        }
        YearSources sources = plan.sources();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try {
                    stored.insert(sources, plan.previousYear(), caller.username(), Instant.now());
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                trail.record(caller, "year.open", "years/" + year, null, "opened " + year
                        + (plan.previousYear() < year ? " after " : " before ") + plan.previousYear()
                        + " from " + String.join(", ", sources.files().keySet()) + "; files " + sources.contentDigest()
                        + ", audited with " + sources.auditDigest());
            });
        } catch (RuntimeException e) {
            // Two operators opening the same year at once: the second finds the first's row.
            misses.remove(year);
            Optional<YearSources> raced = FiscalYears.current().sources(year);
            if (raced.isPresent()) {
                if (holdsGiven(raced.get(), files)) {
                    return new Opening(plan, false);
                }
                throw new ConflictProblem(year + " was opened meanwhile with other files ("
                        + raced.get().contentDigest() + ")");
            }
            throw e;
        }
        misses.remove(year);
        FiscalYears.current().add(sources);
        return new Opening(plan, true);
    }

    /**
     * Whether a year open already holds every file given now, byte for byte. What was inherited is not compared: a
     * later release may bundle other files for the year before, and the year keeps the ones it was opened with.
     */
    static boolean holdsGiven(YearSources open, YearOpening.YearFiles files) {
        Map<String, byte[]> given = new java.util.TreeMap<>(files.others());
        files.lists().forEach((c, content) -> given.put(YearSources.list(c), content));
        files.mappings().forEach((c, content) -> given.put(YearSources.mapping(c), content));
        return given.entrySet().stream().allMatch(f -> open.files().containsKey(f.getKey())
                && java.util.Arrays.equals(open.files().get(f.getKey()), f.getValue()));
    }

    /**
     * The dry run against the year a new one is based on: the year before it, or — for a year before every open one,
     * such as last year's figures of the first year the platform keeps — the first open year, whose files it inherits.
     */
    private YearOpening.Plan plan(int year, YearOpening.YearFiles files) {
        // The first open year other than this one: opening 2022 again, once it is open, still follows 2023.
        int basis = FiscalYears.current().year(year - 1).isPresent() ? year - 1
                : FiscalYears.current().available().stream().filter(y -> y != year).findFirst()
                        .filter(first -> first == year + 1)
                        .orElseThrow(() -> new NotFoundProblem("year " + (year - 1) + " is not open, so " + year
                                + " cannot follow it, nor is " + year + " the year before the first open one; open"
                                + " years: " + FiscalYears.current().available()));
        FiscalYear previous = FiscalYears.current().year(basis).orElseThrow();
        return YearOpening.dryRun(FiscalYears.current().sources(basis).orElseThrow(), previous, year, files);
    }

    /** A problem as the request's field that carried the file, with the line and column in the reason. */
    static Violation violation(YearFileProblem p) {
        String where = (p.line() > 0 ? "line " + p.line() : "") + (p.column() == null ? ""
                : (p.line() > 0 ? ", " : "") + p.column());
        return new Violation(field(p.file()), (where.isEmpty() ? "" : where + ": ") + p.reason());
    }

    private static String field(String file) {
        for (Classification c : Classification.values()) {
            if (file.equals(YearSources.list(c))) {
                return "lists." + c.id();
            }
            if (file.equals(YearSources.mapping(c))) {
                return "mappings." + c.id();
            }
        }
        return file.equals("year") ? "year" : "files." + file;
    }
}
