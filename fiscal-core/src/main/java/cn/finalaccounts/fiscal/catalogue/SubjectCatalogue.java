package cn.finalaccounts.fiscal.catalogue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One year's codes of one classification, loaded from {@code fiscal/{year}/{classification}.csv}. */
public final class SubjectCatalogue {
    private final Classification classification;
    private final Map<String, Subject> byCode;

    private SubjectCatalogue(Classification classification, Map<String, Subject> byCode) {
        this.classification = classification;
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    public Classification classification() {
        return classification;
    }

    public Optional<Subject> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Collection<Subject> subjects() {
        return byCode.values();
    }

    /** A catalogue of the given 科目, in their order; a code given twice is refused. */
    public static SubjectCatalogue of(Classification classification, Collection<Subject> subjects) {
        Map<String, Subject> byCode = new LinkedHashMap<>();
        for (Subject s : subjects) {
            if (byCode.putIfAbsent(s.code(), s) != null) {
                throw new IllegalStateException(classification.id() + " catalogue lists " + s.code() + " twice");
            }
        }
        return new SubjectCatalogue(classification, byCode);
    }

    /** A list in the platform's own layout (see {@link #load}). */
    public static SubjectCatalogue read(Classification classification, byte[] csv) {
        return load(classification, new java.io.ByteArrayInputStream(csv));
    }

    /** Reads the CSV header {@code code,level,name,parent,...,confidence,note}; extra columns are kept out. */
    static SubjectCatalogue load(Classification classification, InputStream csv) {
        Map<String, Subject> subjects = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String[] header = reader.readLine().split(",", -1);
            int confidence = indexOf(header, "confidence");
            int note = indexOf(header, "note");
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                Subject s = new Subject(f[0], SubjectLevel.fromLabel(f[1]), f[2], f[3].isEmpty() ? null : f[3],
                        f[confidence], f.length > note ? f[note] : "");
                if (subjects.putIfAbsent(s.code(), s) != null) {
                    throw new IllegalStateException(classification.id() + " catalogue lists " + s.code() + " twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SubjectCatalogue(classification, subjects);
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("catalogue CSV has no column " + name);
    }
}
