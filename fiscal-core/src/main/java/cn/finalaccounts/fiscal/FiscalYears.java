package cn.finalaccounts.fiscal;

import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.year.CodeMapping;
import cn.finalaccounts.fiscal.year.YearBuilder;
import cn.finalaccounts.fiscal.year.YearSources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The years this process knows: those bundled in the build ({@code fiscal/years.txt}) and those a bureau opened
 * since (docs/years.md). A year is added from its files and never changes after; a year not known yet is asked of
 * the {@link #lookUpWith lookup} the service installs (accounts-service its own database, the others
 * accounts-service), so every service learns an opened year at its first use, without a restart.
 */
public final class FiscalYears {
    /** Years a report may name at all; inside it, a year still needs to be open. */
    public static final int EARLIEST = 2000;
    public static final int LATEST = 2099;

    private static final FiscalYears CURRENT = new FiscalYears();

    /** A year's files and what they build. */
    private record Known(YearSources sources, FiscalYear year) {
    }

    private final Map<Integer, Known> years = new ConcurrentHashMap<>();
    private final SortedSet<Integer> bundledYears;
    private volatile IntFunction<Optional<YearSources>> lookup = y -> Optional.empty();

    private FiscalYears() {
        bundledYears = readBundledYears();
        for (int year : bundledYears) {
            YearSources sources = YearSources.bundled(year);
            years.put(year, new Known(sources, YearBuilder.build(sources, Optional.empty())));
        }
    }

    /** A registry of the bundled years alone, apart from the process's (for tests and tools). */
    public static FiscalYears ofBundled() {
        return new FiscalYears();
    }

    /** The process's years. */
    public static FiscalYears current() {
        return CURRENT;
    }

    /** Whether {@code year} can be a fiscal year at all ({@link #EARLIEST}–{@link #LATEST}), open or not. */
    public static boolean isValid(int year) {
        return year >= EARLIEST && year <= LATEST;
    }

    /** The reason a year is refused. */
    public static String invalidReason(int year) {
        return year + " is not a fiscal year the platform keeps (" + EARLIEST + "–" + LATEST + ")";
    }

    /**
     * Where to find the files of a year this process does not know yet. The lookup may throw when its source cannot
     * be reached (the caller's answer is then a 503 or a retry, never "not open").
     */
    public void lookUpWith(IntFunction<Optional<YearSources>> lookup) {
        this.lookup = lookup;
    }

    public Optional<FiscalYear> year(int year) {
        return known(year).map(Known::year);
    }

    /** The files the year was built from. */
    public Optional<YearSources> sources(int year) {
        return known(year).map(Known::sources);
    }

    private Optional<Known> known(int year) {
        Known known = years.get(year);
        if (known == null && isValid(year)) {
            return lookup.apply(year).map(this::add).flatMap(y -> Optional.ofNullable(years.get(year)));
        }
        return Optional.ofNullable(known);
    }

    /**
     * Adds a year from its files, built over the year before (whose 科目 lend their confidence and notes). The same
     * files again change nothing; other files for a year already known are refused: a year keeps its files for good.
     */
    public FiscalYear add(YearSources sources) {
        Known present = years.get(sources.year());
        if (present != null) {
            if (!present.sources().sameFiles(sources)) {
                throw new IllegalStateException("year " + sources.year() + " is open already with other files ("
                        + present.sources().contentDigest() + ", not " + sources.contentDigest() + ")");
            }
            return present.year();
        }
        // The year before as this process knows it or learns it, so every service builds the year alike.
        FiscalYear built = YearBuilder.build(sources, known(sources.year() - 1).map(Known::year));
        Known previous = years.putIfAbsent(sources.year(), new Known(sources, built));
        return previous == null ? built : add(sources);
    }

    /**
     * The mappings of the codes that changed against the year before, by classification, as the year was opened
     * with them (none for a bundled year or a list without one).
     */
    public Map<Classification, CodeMapping> mappings(int year) {
        Map<Classification, CodeMapping> read = mappingsByYear.get(year);
        if (read != null) {
            return read;
        }
        // Kept only for a year known: one not open yet may be opened, with its mappings, a moment later.
        return known(year).isEmpty() ? Map.of() : mappingsByYear.computeIfAbsent(year, this::readMappings);
    }

    /** Read once per year: a year's files never change, and the audit asks at every save. */
    private final Map<Integer, Map<Classification, CodeMapping>> mappingsByYear = new ConcurrentHashMap<>();

    private Map<Classification, CodeMapping> readMappings(int year) {
        Map<Classification, CodeMapping> mappings = new EnumMap<>(Classification.class);
        Optional<Known> known = known(year);
        Optional<FiscalYear> previous = known(year - 1).map(Known::year);
        if (known.isEmpty() || previous.isEmpty()) {
            return Map.copyOf(mappings);
        }
        for (Classification c : Classification.values()) {
            known.get().sources().mappingOf(c).ifPresent(csv -> {
                Set<String> listed = new HashSet<>();
                known.get().year().catalogue(c).subjects().forEach(s -> listed.add(s.code()));
                CodeMapping.Read read = CodeMapping.read(YearSources.mapping(c), c, csv, previous.get().catalogue(c),
                        listed);
                if (!read.problems().isEmpty()) {
                    throw new IllegalStateException("year " + year + "'s mapping does not read: " + read.problems());
                }
                mappings.put(c, read.mapping());
            });
        }
        return Map.copyOf(mappings);
    }

    /**
     * A digest of what the year's reports are audited with (its template, catalogues and rule book): an audit kept
     * with a report holds only while the digest is the same (a new build may change a bundled rule). Empty for a
     * year not open.
     */
    public Optional<String> digest(int year) {
        return sources(year).map(YearSources::auditDigest);
    }

    /** The years known to this process so far, bundled and opened. */
    public SortedSet<Integer> available() {
        return new TreeSet<>(years.keySet());
    }

    /** The years this build ships. */
    public SortedSet<Integer> bundledYears() {
        return bundledYears;
    }

    private static SortedSet<Integer> readBundledYears() {
        SortedSet<Integer> years = new TreeSet<>();
        try (InputStream in = FiscalYears.class.getResourceAsStream("/fiscal/years.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    years.add(Integer.parseInt(line.trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableSortedSet(years);
    }
}
