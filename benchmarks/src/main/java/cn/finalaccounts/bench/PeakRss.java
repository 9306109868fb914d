package cn.finalaccounts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Peak and current resident memory of the platform's processes, from Linux's /proc/&lt;pid&gt;/status, one per
 * {@code <service>.pid} file of deploy/local/platform.sh. A service that holds the load in a few hundred MiB on the
 * 2-core machine says more than its throughput alone.
 *
 * <p>VmHWM (the "high water mark") is the peak resident set since the process started, not since the benchmark
 * did: W1 therefore reads it at the very end of its run, when it covers the whole run (and whatever ran before
 * it since the services were last started, which the figure's reader should know).
 */
final class PeakRss {
    /** One process; sizes in KiB as /proc gives them. */
    record Usage(String service, long pid, long peakKiB, long currentKiB) {
        double peakMiB() {
            return peakKiB / 1024.0;
        }

        double currentMiB() {
            return currentKiB / 1024.0;
        }
    }

    private PeakRss() {
    }

    /** Every live process of the directory's pid files, by service name; a pid that is gone is left out quietly. */
    static List<Usage> read(Path pidDirectory) throws IOException {
        List<Usage> usages = new ArrayList<>();
        if (!Files.isDirectory(pidDirectory)) {
            return usages;
        }
        try (Stream<Path> files = Files.list(pidDirectory)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pid")).sorted().toList()) {
                String service = f.getFileName().toString().replaceFirst("\\.pid$", "");
                try {
                    long pid = Long.parseLong(Files.readString(f).trim());
                    long peak = -1;
                    long current = -1;
                    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                        if (line.startsWith("VmHWM:")) {
                            peak = kib(line);
                        } else if (line.startsWith("VmRSS:")) {
                            current = kib(line);
                        }
                    }
                    if (peak >= 0 && current >= 0) { // a zombie has a status but no memory lines
                        usages.add(new Usage(service, pid, peak, current));
                    }
                } catch (IOException | NumberFormatException gone) {
                    // The service stopped (no /proc entry) or its pid file is being rewritten: nothing to report.
                }
            }
        }
        return usages;
    }

    /** "VmHWM:	  507404 kB" → 507404. */
    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
