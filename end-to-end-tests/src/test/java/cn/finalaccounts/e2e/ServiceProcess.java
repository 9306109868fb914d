package cn.finalaccounts.e2e;

import cn.finalaccounts.testsupport.TestEventKeys;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service started as its own process, as platform.sh starts it, on a free port. */
final class ServiceProcess implements AutoCloseable {
    /** How long a service may take to become ready. */
    static final Duration STARTUP = Duration.ofSeconds(300);

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final Map<String, String> extraEnv;

    private ServiceProcess(String name, int port, Path log, Process process, Map<String, String> extraEnv) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.extraEnv = extraEnv;
    }

    /**
     * Starts {@code <root>/<name>/target/quarkus-app/quarkus-run.jar} against the given broker and the service's
     * {@code *_test} database, which it empties first.
     */
    static ServiceProcess start(Path root, String name, String service, String kafka) throws IOException {
        return start(root, name, service, kafka, Map.of());
    }

    /** @param env more environment, e.g. FA_REBUILD_SOURCES: the source services a rebuild asks for a snapshot */
    static ServiceProcess start(Path root, String name, String service, String kafka, Map<String, String> env)
            throws IOException {
        return start(root, name, service, kafka, freePort(), true, env);
    }

    private static ServiceProcess start(Path root, String name, String service, String kafka, int port, boolean clean,
            Map<String, String> extraEnv) throws IOException {
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify builds them"
                    + " before this module)");
        }
        Path log = root.resolve("end-to-end-tests/target/" + name + "-" + port + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBinary(), "-Xmx384m", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // A copy of this JVM's environment (surefire's, so deploy/local/test.sh's): FA_DB_HOST/FA_DB_PORT and the
        // like reach the service as they reached Maven.
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("FA_KAFKA_BOOTSTRAP", kafka);
        env.put("FA_DB_NAME", service + "_test");
        env.put("FA_DB_USER", service);
        env.put("FA_DB_PASSWORD", service);
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", String.valueOf(clean));
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        // Real tokens of the local Keycloak; the platform client is the services' own identity when a rebuild
        // asks another service for a snapshot.
        env.put("FA_OIDC_ISSUER", Keycloak.ISSUER);
        env.put("FA_OIDC_PLATFORM_SECRET", Keycloak.PLATFORM_SECRET);
        // The packaged services run in the prod profile: they need their event keys, as in deploy/local.
        env.put("FA_EVENTS_KEYS_ACCOUNTS", TestEventKeys.ACCOUNTS);
        env.put("FA_EVENTS_KEYS_PERFORMANCE", TestEventKeys.PERFORMANCE);
        env.put("FA_EVENTS_KEYS_AGGREGATION", TestEventKeys.AGGREGATION);
        // Unless a test starts the source services too, a rebuild replays the topics alone.
        env.put("FA_REBUILD_SOURCES", "none");
        // Nor does a year it does not know reach a service the test did not start (docs/years.md).
        env.put("FA_YEARS_OWNER", "none");
        env.putAll(extraEnv);
        // Every answer the tests get from it is held to its contract.
        ContractAnswers.watch("http://127.0.0.1:" + port, name);
        return new ServiceProcess(name, port, log, pb.start(), Map.copyOf(extraEnv));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Waits until /q/health/ready answers 200, up to {@link #STARTUP}. A service starts in seconds on an idle machine;
     * on a shared one with the build of other modules and Keycloak running beside it, it took 145 s.
     */
    void awaitReady() throws IOException, InterruptedException {
        awaitReady(STARTUP);
    }

    /** Waits until /q/health/ready answers 200 (database and broker reachable). */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log + ":\n"
                + String.join("\n", tail(Files.readAllLines(log), 30)));
    }

    /** Another instance of a service already started: its own port, the same database, not emptied. */
    static ServiceProcess startAnother(Path root, String name, String service, String kafka) throws IOException {
        return startAnother(root, name, service, kafka, Map.of());
    }

    /** @param env more environment for this instance alone */
    static ServiceProcess startAnother(Path root, String name, String service, String kafka, Map<String, String> env)
            throws IOException {
        return start(root, name, service, kafka, freePort(), false, env);
    }

    /** kill -9: no shutdown hook, no graceful close of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** Starts the same service again on the same port, keeping its database as it is. */
    ServiceProcess restart(Path root, String service, String kafka) throws IOException {
        return start(root, name, service, kafka, port, false, extraEnv);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static List<String> tail(List<String> lines, int n) {
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
