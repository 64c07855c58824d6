package org.consortiumhub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU time the hub, PostgreSQL and this benchmark spent over a phase, read from Linux's {@code /proc}, and how much of
 * the machine's time its host took away (steal). Latency and throughput on a shared virtual machine move with what
 * other guests do; the CPU time spent per unit of work does not, so it is what compares two builds measured on
 * different days. Everything runs on this one machine, as the benchmark scripts start it.
 */
final class MachineCpu {

    private static final Path PROC = Path.of("/proc");
    /** Linux's clock ticks are 1/100 s on every architecture the hub runs on. */
    private static final double MS_PER_TICK = 10.0;

    /** Ticks of each kind at one moment; {@code valid} false where {@code /proc} cannot be read. */
    record Snapshot(boolean valid, long machineTotal, long machineIdle, long steal, long hub, long postgres, long client) {
    }

    private MachineCpu() {
    }

    static Snapshot now() {
        try {
            String[] cpu = Files.readAllLines(PROC.resolve("stat"), StandardCharsets.US_ASCII).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
            long hub = 0;
            long postgres = 0;
            long self = ProcessHandle.current().pid();
            long client = 0;
            for (Path p : processes()) {
                String[] stat = stat(p);
                if (stat == null) {
                    continue;
                }
                if (Long.parseLong(p.getFileName().toString()) == self) {
                    client = ticks(stat, false);
                } else if ("postgres".equals(stat[0])) {
                    // the postmaster's children's times hold the backends that have ended
                    postgres += ticks(stat, isPostmaster(stat));
                } else if (isHub(p, stat)) {
                    hub += ticks(stat, false);
                }
            }
            return new Snapshot(true, total, idle, steal, hub, postgres, client);
        } catch (IOException | RuntimeException e) {
            return new Snapshot(false, 0, 0, 0, 0, 0, 0);
        }
    }

    /**
     * CPU ticks the hub's JIT compiler threads have used so far, or -1 when they cannot be read. While they keep busy the
     * hub is still compiling its code, and what it does meanwhile is not what it does once it has been running a while.
     */
    static long hubCompilerTicks() {
        try {
            for (Path p : processes()) {
                String[] stat = stat(p);
                if (stat != null && isHub(p, stat)) {
                    long ticks = 0;
                    try (DirectoryStream<Path> threads = Files.newDirectoryStream(p.resolve("task"))) {
                        for (Path t : threads) {
                            String[] ts = stat(t);
                            if (ts != null && ts[0].matches("C[12] CompilerThre.*")) {
                                ticks += ticks(ts, false);
                            }
                        }
                    }
                    return ticks;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Percent of one CPU that {@code ticks} over {@code seconds} are. */
    static double percentOfOneCpu(long ticks, double seconds) {
        return 100 * MS_PER_TICK * ticks / (1000 * seconds);
    }

    /**
     * What the phase between {@code before} and {@code after} cost per unit of {@code work} (calls, records), as a
     * line of the benchmark's output.
     */
    static String perUnit(String label, Snapshot before, Snapshot after, long work, String unit) {
        if (!before.valid() || !after.valid() || work <= 0) {
            return label + " not measured (this system has no Linux /proc to read)";
        }
        long total = after.machineTotal() - before.machineTotal();
        double busy = 100.0 * (total - (after.machineIdle() - before.machineIdle()) - (after.steal() - before.steal())) / total;
        double steal = 100.0 * (after.steal() - before.steal()) / total;
        return String.format("%s hub=%.3fms PostgreSQL=%.3fms benchmark=%.3fms of CPU per %s; the machine's CPUs %.0f%% busy,"
                + " %.0f%% taken by its host (steal)", label,
                MS_PER_TICK * (after.hub() - before.hub()) / work, MS_PER_TICK * (after.postgres() - before.postgres()) / work,
                MS_PER_TICK * (after.client() - before.client()) / work, unit, busy, steal);
    }

    /** The fields after the command's name: state is [1], parent pid [2], utime [12], stime [13], cutime [14], cstime [15]. */
    private static String[] stat(Path process) {
        try {
            String s = Files.readString(process.resolve("stat"), StandardCharsets.US_ASCII);
            int open = s.indexOf('(');
            int close = s.lastIndexOf(')');
            String[] rest = s.substring(close + 2).split(" ");
            String[] fields = new String[rest.length + 1];
            fields[0] = s.substring(open + 1, close);
            System.arraycopy(rest, 0, fields, 1, rest.length);
            return fields;
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static long ticks(String[] stat, boolean withEndedChildren) {
        long t = Long.parseLong(stat[12]) + Long.parseLong(stat[13]);
        return withEndedChildren ? t + Long.parseLong(stat[14]) + Long.parseLong(stat[15]) : t;
    }

    /** The running processes' directories in {@code /proc}. */
    private static List<Path> processes() throws IOException {
        List<Path> all = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            dirs.forEach(all::add);
        }
        return all;
    }

    /** The hub as the benchmark scripts start it: {@code java -jar .../quarkus-run.jar}. */
    private static boolean isHub(Path process, String[] stat) {
        return "java".equals(stat[0]) && cmdline(process).contains("quarkus-run.jar");
    }

    /** A PostgreSQL process whose parent is not one: the server's postmaster. */
    private static boolean isPostmaster(String[] stat) {
        String[] parent = stat(PROC.resolve(stat[2]));
        return parent == null || !"postgres".equals(parent[0]);
    }

    private static String cmdline(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return "";
        }
    }
}
