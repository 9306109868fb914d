package cn.finalaccounts.fiscal.catalogue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.audit.RuleBook;
import cn.finalaccounts.fiscal.figures.NamedFigures;
import cn.finalaccounts.fiscal.template.TemplateReader;
import cn.finalaccounts.fiscal.template.YearTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads one year's resource folder {@code fiscal/{year}/}: two catalogues, the table template, the rule book and the
 * named figures.
 */
public final class CatalogueLoader {
    private CatalogueLoader() {
    }

    public static FiscalYear load(int year) {
        SubjectCatalogue functional = catalogue(year, Classification.FUNCTIONAL);
        SubjectCatalogue economic = catalogue(year, Classification.ECONOMIC);
        try (InputStream templates = resource(year, "templates.json"); InputStream rules = resource(year, "audit-rules.json");
                InputStream figures = resource(year, "named-figures.json")) {
            YearTemplate template = TemplateReader.read(templates, functional, economic);
            return new FiscalYear(year, template, functional, economic, RuleBook.read(rules),
                    NamedFigures.read(figures, template));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SubjectCatalogue catalogue(int year, Classification classification) {
        try (InputStream in = resource(year, classification.id() + ".csv")) {
            return SubjectCatalogue.load(classification, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(int year, String name) {
        String path = "/fiscal/" + year + "/" + name;
        InputStream in = CatalogueLoader.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing resource " + path);
        }
        return in;
    }
}
