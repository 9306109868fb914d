package cn.finalaccounts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** W1's CPU figures come from /proc/&lt;pid&gt;/stat lines; the command name in them may hold anything. */
class ProcessCpuTest {
    @Test
    void utimeAndStimeAreFields14And15() {
        // a real line of a JVM (fields 14 and 15: 2301 and 187 ticks)
        ProcessCpu.Stat stat = ProcessCpu.parse("10995 (java) S 1 10994 10994 0 -1 1077936192 60411 0 12 0 2301 187 0 0"
                + " 20 0 61 0 31400 3930787840 98261 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0 0 0 0");
        assertEquals("java", stat.comm());
        assertEquals(1, stat.parentPid());
        assertEquals(2301, stat.utime());
        assertEquals(187, stat.stime());
        assertEquals(2488, stat.cpuTicks());
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesIsReadUpToTheLastParenthesis() {
        ProcessCpu.Stat stat = ProcessCpu.parse("4242 (my (odd) name) 1 ) R 17 4242 4242 0 -1 4194304 10 0 0 0 55 7 0 0"
                + " 20 0 1 0 100 1000 10 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0");
        assertEquals("my (odd) name) 1 ", stat.comm());
        assertEquals(17, stat.parentPid());
        assertEquals(55, stat.utime());
        assertEquals(7, stat.stime());
    }

    @Test
    void aLineWithoutTheCommandNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProcessCpu.parse("4242 R 17 4242"));
    }

    @Test
    void usageIsTheDifferenceOfTwoSamplesInSecondsAtTheClockRate() {
        ProcessCpu cpu = new ProcessCpu(Map.of(), 100);
        List<ProcessCpu.Usage> usages = cpu.between(
                List.of(new ProcessCpu.Sample("accounts-service", 10, 1_000), new ProcessCpu.Sample("kafka", 11, 50)),
                List.of(new ProcessCpu.Sample("accounts-service", 10, 3_550),
                        // kafka restarted with a new pid: its ticks are not comparable, so it is left out
                        new ProcessCpu.Sample("kafka", 12, 80)));
        assertEquals(List.of(new ProcessCpu.Usage("accounts-service", 10, 25.5)), usages);
    }

    @Test
    void thisJvmIsSampledFromProcWithAtLeastTheCpuItHasUsed() throws Exception {
        if (!Files.isReadable(Path.of("/proc/self/stat"))) {
            return; // not Linux: nothing to read
        }
        ProcessCpu cpu = ProcessCpu.of(Path.of("no-such-pid-directory"), null);
        List<ProcessCpu.Sample> samples = cpu.sample();
        assertEquals(1, samples.size());
        assertEquals("load generator (W1)", samples.get(0).process());
        assertEquals(ProcessHandle.current().pid(), samples.get(0).pid());
        assertTrue(samples.get(0).ticks() > 0, "a JVM that ran tests has used CPU: " + samples.get(0));
    }
}
