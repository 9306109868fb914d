package cn.finalaccounts.fiscal.year;

import cn.finalaccounts.fiscal.catalogue.Subject;
import cn.finalaccounts.fiscal.catalogue.SubjectCatalogue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a year's list changes against the year before, as the dry run shows it to the administrator: 科目 new this
 * year, discontinued, renamed (same code, another name), mapped (the year's mapping file says which codes became
 * which: renumbered, split, merged) and moved (an unmapped discontinued code whose name comes back under one new code
 * of the same level — a 项 moved to another 款, say). A mapped or moved 科目 is listed so only, not also as new and
 * discontinued.
 */
public record CatalogueChanges(List<Subject> added, List<Subject> discontinued, List<Renamed> renamed,
        List<Mapped> mapped, List<Moved> moved) {

    public record Renamed(String code, String before, String after) {
    }

    public record Moved(String before, String after, String name) {
    }

    public record Mapped(String before, String after, CodeMapping.Kind kind) {
    }

    public static CatalogueChanges between(SubjectCatalogue previous, List<CatalogueFile.Line> next) {
        return between(previous, next, CodeMapping.none());
    }

    public static CatalogueChanges between(SubjectCatalogue previous, List<CatalogueFile.Line> next,
            CodeMapping mapping) {
        Map<String, CatalogueFile.Line> nextByCode = new LinkedHashMap<>();
        next.forEach(l -> nextByCode.put(l.code(), l));
        List<Subject> added = new ArrayList<>();
        List<Subject> discontinued = new ArrayList<>();
        List<Renamed> renamed = new ArrayList<>();
        for (Subject s : previous.subjects()) {
            CatalogueFile.Line now = nextByCode.get(s.code());
            if (now == null) {
                discontinued.add(s);
            } else if (!now.name().equals(s.name())) {
                renamed.add(new Renamed(s.code(), s.name(), now.name()));
            }
        }
        for (CatalogueFile.Line l : next) {
            if (previous.find(l.code()).isEmpty()) {
                added.add(subject(l));
            }
        }
        List<Mapped> mapped = mapping.pairs().stream()
                .map(p -> new Mapped(p.before(), p.after(), mapping.kindOf(p))).toList();
        discontinued.removeIf(s -> !mapping.successorsOf(s.code()).isEmpty());
        added.removeIf(s -> !mapping.predecessorsOf(s.code()).isEmpty());
        // A name that left one code and arrived at another of the same level, once each: moved.
        Map<String, List<Subject>> addedByName = new HashMap<>();
        added.forEach(a -> addedByName.computeIfAbsent(a.level() + a.name(), k -> new ArrayList<>()).add(a));
        Map<String, Long> goneByName = new HashMap<>();
        discontinued.forEach(d -> goneByName.merge(d.level() + d.name(), 1L, Long::sum));
        List<Moved> moved = new ArrayList<>();
        for (Subject gone : List.copyOf(discontinued)) {
            List<Subject> arrived = addedByName.get(gone.level() + gone.name());
            if (arrived != null && arrived.size() == 1 && goneByName.get(gone.level() + gone.name()) == 1) {
                moved.add(new Moved(gone.code(), arrived.get(0).code(), gone.name()));
                discontinued.remove(gone);
                added.remove(arrived.get(0));
            }
        }
        Comparator<Subject> byCode = Comparator.comparing(Subject::code);
        added.sort(byCode);
        discontinued.sort(byCode);
        renamed.sort(Comparator.comparing(Renamed::code));
        moved.sort(Comparator.comparing(Moved::before));
        return new CatalogueChanges(List.copyOf(added), List.copyOf(discontinued), List.copyOf(renamed), mapped,
                List.copyOf(moved));
    }

    /** Nothing new, discontinued, renamed or moved. */
    public boolean none() {
        return added.isEmpty() && discontinued.isEmpty() && renamed.isEmpty() && mapped.isEmpty() && moved.isEmpty();
    }

    private static Subject subject(CatalogueFile.Line l) {
        String parent = CatalogueFile.parentCode(l).orElse(null);
        return new Subject(l.code(), l.level(), l.name(), parent, "high", "");
    }
}
