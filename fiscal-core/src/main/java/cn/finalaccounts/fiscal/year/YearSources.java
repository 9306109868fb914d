package cn.finalaccounts.fiscal.year;

import cn.finalaccounts.fiscal.catalogue.Classification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files a year is read from, by name: its two lists, the nine tables' template, the 审核公式, the named figures,
 * the 情况说明 rules and, for an opened year, the mappings of the codes that changed against the year before. A year
 * is built from these alone, so a year kept as its files is read the same way for good.
 */
public record YearSources(int year, Map<String, byte[]> files) {
    public static final String TEMPLATES = "templates.json";
    public static final String AUDIT_RULES = "audit-rules.json";
    public static final String NAMED_FIGURES = "named-figures.json";
    public static final String NARRATIVE_RULES = "narrative-rules.json";

    /** Every file a year needs; the mappings are optional. */
    public static final List<String> REQUIRED = List.of(list(Classification.FUNCTIONAL), list(Classification.ECONOMIC),
            TEMPLATES, AUDIT_RULES, NAMED_FIGURES, NARRATIVE_RULES);

    /** What a kept audit was computed with, in the order digests have always been taken (a 2023 digest holds). */
    private static final List<String> AUDITED = List.of(TEMPLATES, list(Classification.FUNCTIONAL),
            list(Classification.ECONOMIC), AUDIT_RULES);

    public YearSources {
        files = new TreeMap<>(files);
        for (String name : REQUIRED) {
            if (!files.containsKey(name)) {
                throw new IllegalArgumentException("year " + year + " lacks its " + name);
            }
        }
        for (String name : files.keySet()) {
            if (!REQUIRED.contains(name) && !name.equals(mapping(Classification.FUNCTIONAL))
                    && !name.equals(mapping(Classification.ECONOMIC))) {
                throw new IllegalArgumentException("year " + year + ": " + name + " is not a file a year has");
            }
        }
        files = java.util.Collections.unmodifiableMap(files);
    }

    public static String list(Classification c) {
        return c.id() + ".csv";
    }

    public static String mapping(Classification c) {
        return c.id() + "-mapping.csv";
    }

    public byte[] file(String name) {
        byte[] content = files.get(name);
        if (content == null) {
            throw new IllegalArgumentException("year " + year + " has no " + name);
        }
        return content.clone();
    }

    public Optional<byte[]> mappingOf(Classification c) {
        return Optional.ofNullable(files.get(mapping(c))).map(byte[]::clone);
    }

    /** The files bundled in this build for {@code year} ({@code fiscal/{year}/}). */
    public static YearSources bundled(int year) {
        Map<String, byte[]> files = new TreeMap<>();
        for (String name : REQUIRED) {
            String path = "/fiscal/" + year + "/" + name;
            try (InputStream in = YearSources.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + path);
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new YearSources(year, files);
    }

    /**
     * A digest of what the year's reports are audited with (template, lists and rule book): an audit kept with a
     * report holds only while it is the same.
     */
    public String auditDigest() {
        return sha256(AUDITED, false);
    }

    /** A digest of every file: two openings of a year are the same opening only when it is the same. */
    public String contentDigest() {
        return sha256(List.copyOf(files.keySet()), true);
    }

    public boolean sameFiles(YearSources other) {
        return year == other.year && files.keySet().equals(other.files.keySet())
                && files.keySet().stream().allMatch(n -> Arrays.equals(files.get(n), other.files.get(n)));
    }

    private String sha256(List<String> names, boolean named) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : names) {
                if (named) {
                    sha.update((name + "\0" + files.get(name).length + "\0").getBytes(StandardCharsets.UTF_8));
                }
                sha.update(files.get(name));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
