package cn.finalaccounts.fiscal;

import cn.finalaccounts.fiscal.catalogue.CatalogueLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The years the platform has templates for, read once from {@code fiscal/years.txt}. Adding 2024 means adding
 * its resource folder and a line there: data, not code.
 */
public final class FiscalYears {
    /** Years a report may name at all; inside it, a year still needs its template. */
    public static final int EARLIEST = 2000;
    public static final int LATEST = 2099;

    private static final FiscalYears BUNDLED = new FiscalYears(readBundledYears());

    private final Map<Integer, FiscalYear> years;

    private FiscalYears(Map<Integer, FiscalYear> years) {
        this.years = years;
    }

    /** The years shipped in this build's resources. */
    public static FiscalYears bundled() {
        return BUNDLED;
    }

    /** Whether {@code year} can be a fiscal year at all ({@link #EARLIEST}–{@link #LATEST}), template or not. */
    public static boolean isValid(int year) {
        return year >= EARLIEST && year <= LATEST;
    }

    /** The reason a year is refused. */
    public static String invalidReason(int year) {
        return year + " is not a fiscal year the platform keeps (" + EARLIEST + "–" + LATEST + ")";
    }

    public Optional<FiscalYear> year(int year) {
        return Optional.ofNullable(years.get(year));
    }

    /**
     * A digest of what this build audits a year's reports with (its template, catalogues and rule book, as bundled):
     * an audit kept with a report holds only while the digest is the same (a new build may change a rule). Empty
     * for a year without template.
     */
    public Optional<String> digest(int year) {
        if (!years.containsKey(year)) {
            return Optional.empty();
        }
        return Optional.of(DIGESTS.computeIfAbsent(year, FiscalYears::digestOf));
    }

    private static final ConcurrentMap<Integer, String> DIGESTS = new ConcurrentHashMap<>();

    private static String digestOf(int year) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : new String[] {"templates.json", "functional.csv", "economic.csv", "audit-rules.json"}) {
                try (InputStream in = FiscalYears.class.getResourceAsStream("/fiscal/" + year + "/" + name)) {
                    if (in != null) {
                        sha.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public SortedSet<Integer> available() {
        return new TreeSet<>(years.keySet());
    }

    private static Map<Integer, FiscalYear> readBundledYears() {
        Map<Integer, FiscalYear> years = new TreeMap<>();
        try (InputStream in = FiscalYears.class.getResourceAsStream("/fiscal/years.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    int year = Integer.parseInt(line.trim());
                    years.put(year, CatalogueLoader.load(year));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return years;
    }
}
