import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails the build when a test class of the module was not executed by Surefire: every class under src/test/java with
 * a method annotated {@code @Test}, {@code @ParameterizedTest}, {@code @RepeatedTest}, {@code @TestFactory},
 * {@code @TestTemplate} or {@code @Property} must have a {@code TEST-<class>.xml} in target/surefire-reports written
 * by this build. A class whose name matches none of Surefire's include patterns otherwise never runs, silently
 * (SummaryArithmeticProperties was never run by CI). Run by exec-maven-plugin in the verify phase of every module
 * (root pom.xml); a single-file program so that it needs no module of its own and no download.
 *
 * <p>Arguments: the module's directory, the build's start ({@code maven.build.timestamp}, ISO-8601 UTC), then the
 * values of {@code test}, {@code skipTests} and {@code maven.test.skip}. A run limited with {@code -Dtest=…} or one
 * that skips the tests is not checked: it does not mean to run every class.
 */
public class EveryTestClassRan {
    private static final Pattern TEST_METHOD = Pattern.compile(
            "(?m)^\\s*@(?:org\\.junit\\.jupiter\\.api\\.|org\\.junit\\.jupiter\\.params\\.|net\\.jqwik\\.api\\.)?"
                    + "(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property)\\b");

    public static void main(String[] args) throws IOException {
        Path module = Path.of(args[0]);
        Instant buildStart = Instant.parse(args[1]);
        String test = args.length > 2 ? args[2] : "";
        boolean skip = args.length > 3 && isTrue(args[3]) || args.length > 4 && isTrue(args[4]);
        if (skip || !test.isBlank()) {
            System.out.println("[every-test-class-ran] not checked: tests skipped (-DskipTests) or selected (-Dtest=…)");
            return;
        }
        Path sources = module.resolve("src/test/java");
        if (!Files.isDirectory(sources)) {
            return;
        }
        Path reports = module.resolve("target/surefire-reports");
        // A report of an earlier build does not count: the class may no longer run.
        Instant notBefore = buildStart.minusSeconds(2);
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String source = Files.readString(file);
                String simpleName = file.getFileName().toString().replaceFirst("\\.java$", "");
                if (!TEST_METHOD.matcher(source).find() || isAbstractOrInterface(source, simpleName)) {
                    continue;
                }
                checked++;
                String className = sources.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceFirst("\\.java$", "");
                if (!ranInThisBuild(reports, className, notBefore)) {
                    missing.add(className);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!missing.isEmpty()) {
            System.err.println("[every-test-class-ran] " + missing.size() + " test class(es) of " + module.getFileName()
                    + " were not executed by Surefire (no target/surefire-reports/TEST-<class>.xml from this build):");
            missing.forEach(c -> System.err.println("  " + c));
            System.err.println("Name the class …Test (or …Tests, Test…, …TestCase, …Properties), or widen Surefire's"
                    + " <includes> in the root pom.xml; docs/build.md says why.");
            System.exit(1);
        }
        System.out.println("[every-test-class-ran] " + checked + " test class(es) of " + module.getFileName()
                + " all ran");
    }

    private static boolean isTrue(String value) {
        // Maven passes an undefined property as an empty argument, and -DskipTests as "true".
        return value.equalsIgnoreCase("true");
    }

    private static boolean isAbstractOrInterface(String source, String simpleName) {
        return Pattern.compile("\\b(abstract\\s+(sealed\\s+)?class|interface|@interface)\\s+" + simpleName + "\\b")
                .matcher(source).find();
    }

    /** TEST-<class>.xml, or one per nested class (TEST-<class>$<nested>.xml), written since the build started. */
    private static boolean ranInThisBuild(Path reports, String className, Instant notBefore) throws IOException {
        if (!Files.isDirectory(reports)) {
            return false;
        }
        try (Stream<Path> files = Files.list(reports)) {
            return files.anyMatch(f -> {
                String name = f.getFileName().toString();
                boolean ours = name.equals("TEST-" + className + ".xml")
                        || name.startsWith("TEST-" + className + "$") && name.endsWith(".xml");
                return ours && modifiedSince(f, notBefore);
            });
        }
    }

    private static boolean modifiedSince(Path file, Instant notBefore) {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            return !time.toInstant().isBefore(notBefore);
        } catch (IOException e) {
            return false;
        }
    }
}
