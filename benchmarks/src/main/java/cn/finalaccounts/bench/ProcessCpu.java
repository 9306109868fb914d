package cn.finalaccounts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the platform's processes over a phase of W1, from Linux's /proc/&lt;pid&gt;/stat: user + system time
 * ({@code utime}, {@code stime}: fields 14 and 15, in clock ticks) at the phase's start and end. On a 2-core
 * machine that everything shares, the CPU a report costs across all processes says where the wall is better than
 * the throughput alone, and reading it from /proc makes the figure part of the run instead of a {@code top} beside it.
 *
 * <p>A process counts with its live descendants (a service started through a shell script runs in the script's
 * child), so that what {@code kc.sh} starts counts for keycloak.
 */
final class ProcessCpu {
    /** One process's CPU ticks at one moment. */
    record Sample(String process, long pid, long ticks) {
    }

    /** One process over the phase. */
    record Usage(String process, long pid, double cpuSeconds) {
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux this runs on, asked anyway. */
    private final long ticksPerSecond;
    /** Which processes: name → pid, in the order they are printed. */
    private final Map<String, Long> processes;

    ProcessCpu(Map<String, Long> processes, long ticksPerSecond) {
        this.processes = new LinkedHashMap<>(processes);
        this.ticksPerSecond = ticksPerSecond;
    }

    /**
     * The processes of the pid directory's {@code <name>.pid} files, the database server's (when {@code dbPid} is
     * known) and this JVM ("W1").
     */
    static ProcessCpu of(Path pidDirectory, Long dbPid) throws IOException {
        Map<String, Long> processes = new LinkedHashMap<>();
        if (Files.isDirectory(pidDirectory)) {
            try (Stream<Path> files = Files.list(pidDirectory)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pid")).sorted().toList()) {
                    try {
                        processes.put(f.getFileName().toString().replaceFirst("\\.pid$", ""),
                                Long.parseLong(Files.readString(f).trim()));
                    } catch (NumberFormatException | IOException rewritten) {
                        // a pid file being rewritten names no process yet
                    }
                }
            }
        }
        if (dbPid != null) {
            processes.put(comm(dbPid).orElse("database server"), dbPid);
        }
        processes.put("load generator (W1)", ProcessHandle.current().pid());
        return new ProcessCpu(processes, clockTicksPerSecond());
    }

    /** One process (with its live descendants). */
    static ProcessCpu single(String name, long pid) {
        return new ProcessCpu(Map.of(name, pid), clockTicksPerSecond());
    }

    /** Each process's ticks now, itself and its live descendants; a process that is gone is left out. */
    List<Sample> sample() throws IOException {
        Map<Long, Long> parentOf = new HashMap<>();
        Map<Long, Long> ticksOf = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path p : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    Stat stat = parse(Files.readString(p.resolve("stat")));
                    long pid = Long.parseLong(p.getFileName().toString());
                    parentOf.put(pid, stat.parentPid());
                    ticksOf.put(pid, stat.cpuTicks());
                } catch (IOException | RuntimeException gone) {
                    // the process ended between the listing and the read
                }
            }
        }
        List<Sample> samples = new ArrayList<>();
        for (Map.Entry<String, Long> e : processes.entrySet()) {
            long root = e.getValue();
            if (!ticksOf.containsKey(root)) {
                continue;
            }
            long ticks = 0;
            for (Map.Entry<Long, Long> t : ticksOf.entrySet()) {
                if (descendsFrom(t.getKey(), root, parentOf)) {
                    ticks += t.getValue();
                }
            }
            samples.add(new Sample(e.getKey(), root, ticks));
        }
        return samples;
    }

    /** What each process used between two samples; one missing in either sample is left out. */
    List<Usage> between(List<Sample> start, List<Sample> end) {
        List<Usage> usages = new ArrayList<>();
        for (Sample s : start) {
            for (Sample e : end) {
                if (e.process().equals(s.process()) && e.pid() == s.pid()) {
                    usages.add(new Usage(s.process(), s.pid(), (e.ticks() - s.ticks()) / (double) ticksPerSecond));
                }
            }
        }
        return usages;
    }

    private static boolean descendsFrom(long pid, long root, Map<Long, Long> parentOf) {
        for (int depth = 0; depth < 64; depth++) { // a pid tree is shallow; the bound only guards against a cycle
            if (pid == root) {
                return true;
            }
            Long parent = parentOf.get(pid);
            if (parent == null || parent == 0) {
                return false;
            }
            pid = parent;
        }
        return false;
    }

    /** The fields of /proc/&lt;pid&gt;/stat that W1 needs. */
    record Stat(String comm, long parentPid, long utime, long stime) {
        long cpuTicks() {
            return utime + stime;
        }
    }

    /**
     * One line of /proc/&lt;pid&gt;/stat. The second field, the command name in parentheses, may itself hold spaces
     * and parentheses ("(Web Content)", "(a) b)"), so the fields are counted after the last ')': there the state is
     * field 3, the parent pid field 4, utime and stime fields 14 and 15 (proc(5)).
     */
    static Stat parse(String statLine) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
        }
        String[] rest = statLine.substring(close + 1).trim().split("\\s+");
        // rest[0] is field 3 (state), so field n is rest[n - 3]
        return new Stat(statLine.substring(open + 1, close), Long.parseLong(rest[4 - 3]), Long.parseLong(rest[14 - 3]),
                Long.parseLong(rest[15 - 3]));
    }

    private static java.util.Optional<String> comm(long pid) {
        try {
            return java.util.Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim());
        } catch (IOException gone) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The database server's pid: the one its pid file names ({@code @@pid_file}, asked by W1), else the only
     * {@code mariadbd} or {@code mysqld} on the machine. With several servers and no readable pid file, none:
     * counting the wrong server would be worse than leaving it out, and {@code --db-pid} names it.
     */
    static Long databaseServer(Path pidFile) {
        if (pidFile != null) {
            try {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                if (comm(pid).filter(c -> c.equals("mariadbd") || c.equals("mysqld")).isPresent()) {
                    return pid;
                }
            } catch (IOException | NumberFormatException unreadable) {
                // fall back to scanning
            }
        }
        List<Long> servers = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path p : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (comm(pid).filter(c -> c.equals("mariadbd") || c.equals("mysqld")).isPresent()) {
                    servers.add(pid);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return servers.size() == 1 ? servers.get(0) : null;
    }

    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // no getconf: Linux's USER_HZ is 100 on every architecture W1 runs on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
