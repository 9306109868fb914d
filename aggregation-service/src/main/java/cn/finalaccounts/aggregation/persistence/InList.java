package cn.finalaccounts.aggregation.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Codes for an SQL {@code IN (…)}: in chunks of 500, so that no statement grows with the tree, and their marks. */
final class InList {
    static final int CHUNK = 500;

    private InList() {
    }

    static List<List<String>> chunks(Collection<String> codes) {
        List<String> all = new ArrayList<>(codes);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }

    /** {@code ?,?,…} for n codes. */
    static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
