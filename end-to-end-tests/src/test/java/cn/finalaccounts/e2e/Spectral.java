package cn.finalaccounts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stoplight Spectral with the repository's ruleset (.spectral.yaml: spectral:oas), run through
 * deploy/local/spectral.sh, which installs the pinned CLI from the npm registry on first use.
 */
final class Spectral {
    /** What Spectral found: its severities are 0 error, 1 warning, 2 info, 3 hint. */
    record Result(long errors, long warnings, String output) {
    }

    private Spectral() {
    }

    static Result lint(Path root, Path document) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("bash", root.resolve("deploy/local/spectral.sh").toString(), "lint",
                "--quiet", "--format", "json", "--fail-severity", "hint", document.toString()))
                .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("spectral did not finish in 10 minutes");
        }
        // Exit code 1 only says that something was found; anything else is a failure to lint at all.
        if (p.exitValue() > 1) {
            throw new IllegalStateException("spectral exited with " + p.exitValue() + ": " + out);
        }
        JsonNode found = new ObjectMapper().readTree(out.substring(out.indexOf('[')));
        long errors = 0;
        long warnings = 0;
        for (JsonNode f : found) {
            errors += f.path("severity").asInt() == 0 ? 1 : 0;
            warnings += f.path("severity").asInt() == 1 ? 1 : 0;
        }
        return new Result(errors, warnings, found.toPrettyString());
    }
}
