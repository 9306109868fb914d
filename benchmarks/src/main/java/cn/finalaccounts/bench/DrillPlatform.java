package cn.finalaccounts.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local platform as deploy/local/platform.sh runs it, seen by the fault drill: its pid files
 * ({@code .run/pids/<name>.pid}), the command-line markers that prove a pid is really the component platform.sh
 * started (the same markers platform.sh checks: the copied service jar, the broker's server.properties), and the
 * script's own steps to start what is missing ({@code kafka-up}, {@code services-up}, {@code db}), which is what an
 * operator's supervisor would run. Only processes platform.sh started are ever signalled.
 */
final class DrillPlatform {
    static final List<String> SERVICES = List.of("accounts-service", "performance-service", "aggregation-service");

    private final Path repo;
    private final Path runDir;
    private final Path log;

    DrillPlatform(Path repo) {
        this.repo = repo.toAbsolutePath().normalize();
        this.runDir = this.repo.resolve("deploy/local/.run");
        this.log = runDir.resolve("logs/drill.log");
    }

    Path log() {
        return log;
    }

    /** The local broker's data directory (platform.sh's KAFKA_DATA). */
    Path kafkaData() {
        return runDir.resolve("kafka/data");
    }

    /** The pid of a component platform.sh started and that still runs, checked against its command line. */
    Optional<ProcessHandle> running(String name) {
        Path pidFile = runDir.resolve("pids").resolve(name + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> p = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            String cmd = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
            return cmd.contains(marker(name)) && (!name.startsWith("kafka") || cmd.contains("kafka.Kafka")) ? p
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What the component's command line holds when platform.sh started it (deploy/local/lib/cluster.sh's markers). */
    private String marker(String name) {
        Path cluster = runDir.resolve("cluster");
        if (name.equals("kafka")) {
            return runDir.resolve("kafka/config/server.properties").toString();
        }
        if (name.matches("kafka-\\d")) {
            return cluster.resolve(name).resolve("server.properties").toString();
        }
        if (name.equals("haproxy")) {
            return cluster.resolve("haproxy.cfg").toString();
        }
        if (name.matches("db-\\d")) {
            return "--defaults-file=" + cluster.resolve(name).resolve("my.cnf");
        }
        if (name.matches(".*-service-\\d")) {
            return "-Dfa.instance.id=" + name + " -jar "
                    + runDir.resolve("apps").resolve(name.substring(0, name.length() - 2)).resolve("quarkus-run.jar");
        }
        return runDir.resolve("apps").resolve(name).resolve("quarkus-run.jar").toString();
    }

    /** True while platform.sh runs the cluster (up --cluster) from this work tree. */
    boolean cluster() {
        return Files.isRegularFile(runDir.resolve("cluster/up"));
    }

    /** SIGSTOP or SIGCONT to a component platform.sh started; false when there is none. */
    boolean signal(String name, String signal) throws InterruptedException {
        Optional<ProcessHandle> p = running(name);
        if (p.isEmpty()) {
            return false;
        }
        try {
            return new ProcessBuilder("kill", "-" + signal, Long.toString(p.get().pid())).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * kill -9 of a component platform.sh started (Java's destroyForcibly is SIGKILL on Linux), and waits up to
     * 10 s for it to be gone. False when there was no such process.
     */
    boolean killHard(String name) throws InterruptedException {
        Optional<ProcessHandle> p = running(name);
        if (p.isEmpty()) {
            return false;
        }
        p.get().destroyForcibly();
        for (int i = 0; i < 100 && p.get().isAlive(); i++) {
            Thread.sleep(100);
        }
        return !p.get().isAlive();
    }

    /**
     * Runs {@code platform.sh <step>} (kafka-up, services-up, services-down, db), its output appended to the drill's
     * log; at most {@code limit}, then it is stopped. True when it exited 0.
     */
    boolean step(String step, Duration limit) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n===== drill: platform.sh " + step + " at " + java.time.Instant.now() + " =====\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            List<String> cmd = new ArrayList<>(List.of(repo.resolve("deploy/local/platform.sh").toString(), step));
            Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Where the drill may restart the database server: only a server deploy/local/lib/db.sh installed or started
     * itself (it leaves {@code .run/db-server.ours}). Anyone else's server — one that others run their tests on —
     * is never stopped.
     */
    Optional<String> ownDatabaseServer() {
        Path marker = runDir.resolve("db-server.ours");
        try {
            return Files.isRegularFile(marker) ? Optional.of(Files.readString(marker).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
