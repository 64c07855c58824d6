package org.consortiumhub.bench;

import java.math.BigDecimal;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.consortiumhub.ill.rota.LendingPolicy;
import org.consortiumhub.ill.rota.RotaBuilder;
import org.consortiumhub.ill.rota.RotaCandidate;
import org.consortiumhub.ill.rota.RotaRequest;
import org.consortiumhub.ill.state.ServiceType;

/**
 * The ILL benchmark: drives a running hub over HTTP as the ILL staff of several members would, and times the rota
 * ranking in memory. Prints what it measured.
 *
 * <ol>
 * <li><b>Setup.</b> {@code members} member libraries with ILL staff, adapter keys and lending policies; each member's
 * adapter sends the same {@code titles} books, so every cluster is held by every member.</li>
 * <li><b>Transitions.</b> {@code clients} staff run whole loans for {@code seconds}: the borrower requests (the hub
 * builds the rota from the catalog, policies and loads, and sends it), the lender answers will-supply and ships, the
 * borrower receives and returns, the lender checks in. Every action call is one transition; their rate and latency
 * percentiles are printed, and the request creations' (rota included) separately. By default each client starts its
 * next call as soon as the last is answered (a closed loop: it finds the most the hub can do, and the latency then
 * is mostly waiting in line). With {@code rate} the calls are offered on a fixed schedule instead (an open loop, as
 * staff at many desks act whatever the hub is doing): {@code rate} transitions a second, and the creations in
 * proportion, shared by {@code clients} connections; each call's latency counts from the moment it was due, so a
 * hub that falls behind is charged for the wait.</li>
 * <li><b>Rota.</b> {@link RotaBuilder} ranking 200 candidates, timed per call in memory.</li>
 * </ol>
 *
 * Arguments are {@code name=value}: {@code hub} (http://localhost:8080), {@code password} (the admin's),
 * {@code members} (8), {@code titles} (50), {@code clients} (16), {@code seconds} (30), {@code warmup} (10: at least so
 * many seconds of loans run first and not counted, and on until the hub's JIT compilers are quiet, so the hub's code
 * is compiled before it is measured), {@code rate} (none: closed loop; with it,
 * {@code clients} defaults to 64).
 * {@code bench/run-ill-benchmark.sh} starts a hub and runs it.
 */
public final class IllBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern LENDER = Pattern.compile("\"lenderCode\":\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("\"secret\":\"([^\"]+)\"");
    private static final Pattern CLUSTER = Pattern.compile("\"clusterId\":(\\d+)");
    private static final String STAFF_PASSWORD = "bench-staff-password";

    /** The setup's connection, as the consortium's administrator and the members' adapters. */
    private final StaffConnection setup;
    private final String hub;
    private final String admin;
    private final BenchOptions options;

    private IllBenchmark(BenchOptions options) {
        this.options = options;
        this.hub = options.get("hub", "http://localhost:8080");
        this.setup = new StaffConnection(hub);
        this.admin = basic("admin", options.get("password"));
    }

    public static void main(String[] args) throws Exception {
        new IllBenchmark(BenchOptions.parse(args,
                "IllBenchmark password=<admin password> [hub=…] [members=…] [titles=…] [clients=…] [seconds=…] [warmup=…] [rate=…]")).run();
    }

    private int option(String name, int fallback) {
        return options.get(name, fallback);
    }

    private void run() throws Exception {
        rota();
        int members = option("members", 8);
        int titles = option("titles", 50);
        List<String> codes = new ArrayList<>();
        Map<String, String> staff = new HashMap<>();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        for (int m = 0; m < members; m++) {
            String code = "BN-" + run + m;
            call("POST", "/api/v1/members", admin, "{\"code\":\"" + code + "\",\"name\":\"Bench library " + m
                    + "\",\"contactEmail\":\"ill@bench.example.org\",\"shippingAddress\":{\"line1\":\"1 Bench Road\","
                    + "\"locality\":\"Benchville\",\"postalCode\":\"00000\",\"country\":\"US\"}}", 201);
            String user = "bench" + run.toLowerCase() + m;
            call("POST", "/api/v1/users", admin, "{\"username\":\"" + user + "\",\"displayName\":\"Bench " + m
                    + "\",\"email\":\"" + user + "@bench.example.org\",\"role\":\"ILL_STAFF\",\"memberCode\":\"" + code
                    + "\",\"password\":\"" + STAFF_PASSWORD + "\"}", 201);
            staff.put(code, basic(user, STAFF_PASSWORD));
            call("PUT", "/api/v1/ill/lending-policies/" + code, admin, "{\"lendsLoans\":true,\"lendsCopies\":true,"
                    + "\"loanPeriodDays\":28,\"answerDays\":2,\"rushAnswerHours\":4,\"loanCost\":" + (m % 3) + "}", 200);
            Matcher key = SECRET.matcher(call("POST", "/api/v1/members/" + code + "/api-keys", admin, "{\"label\":\"bench\"}", 201));
            key.find();
            String marc = catalog(run, titles);
            StaffConnection.Answer r = setup.send("POST", "/api/v1/catalog/records", "Bearer " + key.group(1),
                    "application/marcxml+xml", marc);
            if (r.status() != 200) {
                throw new IllegalStateException("ingest: HTTP " + r.status() + " " + r.body());
            }
            codes.add(code);
        }
        List<Long> clusters = new ArrayList<>();
        for (int t = 0; t < titles; t++) {
            Matcher c = CLUSTER.matcher(call("GET", "/api/v1/catalog/records/" + codes.get(0) + "/bench" + run + "-" + t, admin, null, 200));
            c.find();
            clusters.add(Long.parseLong(c.group(1)));
        }
        System.out.printf("SETUP members=%d titles=%d clusters=%d%n", members, titles, clusters.size());
        transitions(codes, staff, clusters);
    }

    /** A transition slower than this is counted by the second it was due in. */
    private static final long SLOW = 50_000_000;

    /** What one phase of loans measured. */
    private record Phase(double seconds, long[] actions, long[] creations, long[] late, long failures, long[] slowAt) {
    }

    /** When each call is meant to start; waits until then. */
    @FunctionalInterface
    private interface Pacer {
        long due();
    }

    /** Calls per loan: the request and its five actions. */
    private static final int CALLS_PER_LOAN = 6;
    private static final int ACTIONS_PER_LOAN = 5;

    /**
     * The closed loop's pacer (every call is due when the last is answered), or the open loop's: call {@code n} of
     * the phase is due {@code n} intervals after its start, whichever client makes it.
     */
    private static Pacer pacer(int rate) {
        if (rate <= 0) {
            return System::nanoTime;
        }
        AtomicLong calls = new AtomicLong();
        long start = System.nanoTime();
        double interval = 1e9 * ACTIONS_PER_LOAN / ((double) rate * CALLS_PER_LOAN);
        return () -> {
            long due = start + (long) (calls.getAndIncrement() * interval);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            return due;
        };
    }

    private void transitions(List<String> codes, Map<String, String> staff, List<Long> clusters) throws InterruptedException {
        int rate = option("rate", 0);
        int clients = option("clients", rate > 0 ? 64 : 16);
        int warmup = option("warmup", 10);
        // the same connections for the warm-up and the measured loans: opening 64 at once is not what is measured
        List<StaffConnection> connections = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            connections.add(new StaffConnection(hub));
        }
        if (warmup > 0) {
            warmUp(connections, warmup, rate, codes, staff, clusters);
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        MachineCpu.Snapshot cpuBefore = MachineCpu.now();
        Phase p = loans(connections, option("seconds", 30), rate, codes, staff, clusters);
        MachineCpu.Snapshot cpuAfter = MachineCpu.now();
        long[] a = p.actions();
        long[] c = p.creations();
        System.out.printf("TRANSITIONS %s clients=%d seconds=%.1f actions=%d rate=%.0f/s p50=%.1fms p95=%.1fms p99=%.1fms failures=%d%n",
                rate > 0 ? "offered=" + rate + "/s (open loop, latency from when each call was due)" : "closed-loop",
                clients, p.seconds(), a.length, a.length / p.seconds(), ms(a, 0.50), ms(a, 0.95), ms(a, 0.99), p.failures());
        if (rate > 0) {
            long[] l = p.late();
            System.out.printf("LATE p50=%.1fms p99=%.1fms (how late the benchmark's own clients started calls, included above)%n",
                    ms(l, 0.50), ms(l, 0.99));
        }
        System.out.println(slowSeconds(p.slowAt()));
        System.out.printf("REQUESTS created=%d rate=%.0f/s p50=%.1fms p99=%.1fms (rota from catalog, policies and loads, then sent)%n",
                c.length, c.length / p.seconds(), ms(c, 0.50), ms(c, 0.99));
        System.out.printf("LOAD before=%.2f after=%.2f (the machine's load average, this run's own processes included)%n",
                loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(MachineCpu.perUnit("CPU", cpuBefore, cpuAfter, a.length + c.length, "call"));
    }

    /** The longest warm-up, however busy the hub's compiler still is. */
    private static final int MAX_WARMUP_SECONDS = 600;
    /** The hub's compiler is done enough when it used less than this share of one CPU over the last stretch of loans. */
    private static final double QUIET_COMPILER_PERCENT = 3.0;

    /**
     * Runs loans, not counted, for at least {@code seconds}, then on in stretches of 15 s until the hub's JIT compilers
     * have gone quiet: on a busy machine the compilers get little CPU and the hub's code can take minutes to be compiled,
     * and a hub measured meanwhile spends several times the CPU per call that it does once compiled, for as long as
     * staff would not notice it has been running. Where the compilers cannot be seen (no Linux {@code /proc}), the
     * warm-up lasts {@code seconds}.
     */
    private void warmUp(List<StaffConnection> connections, int seconds, int rate, List<String> codes, Map<String, String> staff,
            List<Long> clusters) throws InterruptedException {
        long started = System.nanoTime();
        long actions = 0;
        long created = 0;
        long failures = 0;
        double compiler = Double.NaN;
        int stretch = seconds;
        while (true) {
            long before = MachineCpu.hubCompilerTicks();
            Phase w = loans(connections, stretch, rate, codes, staff, clusters);
            long after = MachineCpu.hubCompilerTicks();
            actions += w.actions().length;
            created += w.creations().length;
            failures += w.failures();
            if (before < 0 || after < 0) {
                break;
            }
            compiler = MachineCpu.percentOfOneCpu(after - before, w.seconds());
            if (compiler < QUIET_COMPILER_PERCENT || (System.nanoTime() - started) / 1e9 > MAX_WARMUP_SECONDS) {
                break;
            }
            stretch = 15;
        }
        System.out.printf("WARMUP seconds=%.1f actions=%d created=%d failures=%d (not counted; the hub's JIT compilers used"
                + " %.1f%% of a CPU in its last %d s)%n", (System.nanoTime() - started) / 1e9, actions, created, failures, compiler,
                stretch);
    }

    /**
     * One client per connection, each running whole loans for {@code seconds}. Each client has its own HTTP/1.1
     * connection, as each library's staff (a browser, a script) would.
     */
    private Phase loans(List<StaffConnection> connections, int seconds, int rate, List<String> codes, Map<String, String> staff,
            List<Long> clusters) throws InterruptedException {
        Pacer pacer = pacer(rate);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ConcurrentLinkedQueue<Long> actions = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> creations = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> late = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> slowAt = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (StaffConnection client : connections) {
            Thread t = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    try {
                        String borrower = codes.get(random.nextInt(codes.size()));
                        long cluster = clusters.get(random.nextInt(clusters.size()));
                        long t0 = pacer.due();
                        late.add(System.nanoTime() - t0);
                        String created = call(client, "POST", "/api/v1/ill/requests", staff.get(borrower), "{\"serviceType\":\"LOAN\","
                                + "\"clusterId\":" + cluster + ",\"patronId\":\"P" + random.nextInt(100000) + "\"}", 201);
                        creations.add(System.nanoTime() - t0);
                        Matcher id = ID.matcher(created);
                        Matcher lender = LENDER.matcher(created);
                        id.find();
                        if (!lender.find()) {
                            continue;
                        }
                        String path = "/api/v1/ill/requests/" + id.group(1) + "/actions";
                        String l = staff.get(lender.group(1));
                        String b = staff.get(borrower);
                        for (String[] step : new String[][] { { l, "willSupply" }, { l, "ship" }, { b, "received" },
                                { b, "shipReturn" }, { l, "checkIn" } }) {
                            long s0 = pacer.due();
                            late.add(System.nanoTime() - s0);
                            call(client, "POST", path, step[0], "{\"action\":\"" + step[1] + "\"}", 200);
                            long took = System.nanoTime() - s0;
                            actions.add(took);
                            if (took > SLOW) {
                                slowAt.add(System.currentTimeMillis() - took / 1_000_000);
                            }
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Phase((System.nanoTime() - start) / 1e9, sorted(actions), sorted(creations), sorted(late), failures.get(),
                sorted(slowAt));
    }

    /**
     * The seconds (wall clock, for finding them in the hub's and PostgreSQL's logs) in which the most transitions that
     * took longer than {@link #SLOW} were due.
     */
    private static String slowSeconds(long[] slowAt) {
        Map<Long, Integer> perSecond = new HashMap<>();
        for (long at : slowAt) {
            perSecond.merge(at / 1000, 1, Integer::sum);
        }
        StringBuilder line = new StringBuilder(String.format("SLOW %d transitions over %d ms; most in the seconds",
                slowAt.length, SLOW / 1_000_000));
        perSecond.entrySet().stream().sorted(Map.Entry.<Long, Integer>comparingByValue().reversed()).limit(5)
                .forEach(e -> line.append(' ').append(java.time.LocalTime.ofSecondOfDay(e.getKey() % 86400)
                        .format(java.time.format.DateTimeFormatter.ISO_LOCAL_TIME)).append(" (")
                        .append(e.getValue()).append(')'));
        return line.append(" UTC").toString();
    }

    /** The pure ranking: 200 candidates with policies, loads and closures, timed per call after a warm-up. */
    private static void rota() {
        Random random = new Random(18626);
        List<RotaCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            LendingPolicy p = new LendingPolicy(true, random.nextInt(5) > 0, i % 7 == 0 ? Set.of("BOOK", "SCORE") : Set.of(), 28,
                    i % 5 == 0 ? 10 : null, BigDecimal.valueOf(random.nextInt(4)), BigDecimal.ZERO, i % 50 == 0, 2, 4,
                    List.of(), null, null);
            candidates.add(new RotaCandidate(i + 2, String.format("US-M%03d", i), i % 17 == 0 ? null : p, 1 + random.nextInt(3),
                    random.nextInt(3), random.nextInt(12), random.nextInt(200), random.nextInt(200), null));
        }
        RotaRequest request = new RotaRequest(ServiceType.LOAN, 1, "BOOK", true, LocalDate.now(), new BigDecimal("3"));
        for (int i = 0; i < 20_000; i++) {
            RotaBuilder.build(request, candidates);
        }
        long[] times = new long[50_000];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            RotaBuilder.build(request, candidates);
            times[i] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        System.out.printf("ROTA candidates=200 calls=%d p50=%.3fms p99=%.3fms (ranking and explanations, in memory)%n",
                times.length, ms(times, 0.50), ms(times, 0.99));
    }

    private static String catalog(String run, int titles) {
        StringBuilder s = new StringBuilder("<collection xmlns=\"http://www.loc.gov/MARC21/slim\">");
        for (int t = 0; t < titles; t++) {
            String isbn = isbn(run, t);
            s.append("<record><leader>00000nam a2200000 a 4500</leader><controlfield tag=\"001\">bench").append(run).append('-')
                    .append(t).append("</controlfield><controlfield tag=\"008\">200101s2020    nyu           000 1 eng d</controlfield>")
                    .append("<datafield tag=\"020\" ind1=\" \" ind2=\" \"><subfield code=\"a\">").append(isbn).append("</subfield></datafield>")
                    .append("<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><subfield code=\"a\">Bench title ").append(run).append(' ')
                    .append(t).append("</subfield></datafield><datafield tag=\"300\" ind1=\" \" ind2=\" \"><subfield code=\"a\">")
                    .append(100 + t).append(" p.</subfield></datafield><datafield tag=\"952\" ind1=\" \" ind2=\" \">")
                    .append("<subfield code=\"p\">39").append(t).append("</subfield><subfield code=\"o\">QA").append(t)
                    .append("</subfield></datafield></record>");
        }
        return s.append("</collection>").toString();
    }

    private static String isbn(String run, int t) {
        String digits = String.format("978%09d", Math.floorMod((run + t).hashCode(), 1_000_000_000));
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return digits + (10 - sum % 10) % 10;
    }

    private String call(String method, String path, String auth, String body, int expected) {
        return call(setup, method, path, auth, body, expected);
    }

    /** One call on a connection of the benchmark's, refused unless the hub answers with {@code expected}. */
    private static String call(StaffConnection client, String method, String path, String auth, String body, int expected) {
        try {
            StaffConnection.Answer r = client.send(method, path, auth, body);
            if (r.status() != expected) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + r.status() + " " + r.body());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static long[] sorted(ConcurrentLinkedQueue<Long> q) {
        long[] a = q.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
