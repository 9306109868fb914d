package cn.finalaccounts.fiscal.year;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.audit.RuleBook;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.Subject;
import cn.finalaccounts.fiscal.catalogue.SubjectCatalogue;
import cn.finalaccounts.fiscal.figures.NamedFigures;
import cn.finalaccounts.fiscal.narrative.NarrativeRuleBook;
import cn.finalaccounts.fiscal.template.TemplateReader;
import cn.finalaccounts.fiscal.template.YearTemplate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds a year from its files ({@link YearSources}), the one way every year is read: the bundled ones and those a
 * bureau opened. A list in the platform's own layout (with its {@code confidence} column) is read as such; a list as
 * a bureau receives it (code, name, level) is read by {@link CatalogueFile}, each 科目 keeping the confidence and note
 * the year before gave the same code and name. Anything that does not read stops the build: a year is whole or absent.
 */
public final class YearBuilder {
    private YearBuilder() {
    }

    public static FiscalYear build(YearSources sources, Optional<FiscalYear> previous) {
        SubjectCatalogue functional = catalogue(sources, Classification.FUNCTIONAL, previous);
        SubjectCatalogue economic = catalogue(sources, Classification.ECONOMIC, previous);
        try {
            YearTemplate template = TemplateReader.read(in(sources, YearSources.TEMPLATES), functional, economic);
            // The rules name headline figures (#income_total): read after the figures, through them.
            NamedFigures figures = NamedFigures.read(in(sources, YearSources.NAMED_FIGURES), template);
            return new FiscalYear(sources.year(), template, functional, economic,
                    RuleBook.read(in(sources, YearSources.AUDIT_RULES), figures), figures,
                    NarrativeRuleBook.read(in(sources, YearSources.NARRATIVE_RULES), figures));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteArrayInputStream in(YearSources sources, String name) {
        return new ByteArrayInputStream(sources.file(name));
    }

    private static SubjectCatalogue catalogue(YearSources sources, Classification c, Optional<FiscalYear> previous) {
        byte[] csv = sources.file(YearSources.list(c));
        String header = YearCsv.rows(csv)[0];
        if (List.of(header.split(",", -1)).contains("confidence")) {
            return SubjectCatalogue.read(c, csv);
        }
        CatalogueFile.Read read = CatalogueFile.read(YearSources.list(c), c, csv);
        if (!read.usable()) {
            throw new IllegalArgumentException("year " + sources.year() + ": " + read.problems().stream()
                    .map(YearFileProblem::toString).collect(Collectors.joining("; ")));
        }
        List<Subject> subjects = new ArrayList<>();
        for (CatalogueFile.Line line : read.lines()) {
            Optional<Subject> before = previous.flatMap(p -> p.catalogue(c).find(line.code()))
                    .filter(s -> s.name().equals(line.name()));
            subjects.add(new Subject(line.code(), line.level(), line.name(),
                    CatalogueFile.parentCode(line).orElse(null), before.map(Subject::confidence).orElse("high"),
                    before.map(Subject::note).orElse("")));
        }
        return SubjectCatalogue.of(c, subjects);
    }

}
