package org.consortiumhub.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.consortiumhub.catalog.marc.Iso2709;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.match.ManifestationProfile;
import org.consortiumhub.catalog.search.SearchText;
import org.consortiumhub.catalog.support.DerivedCatalog;
import org.consortiumhub.catalog.support.DerivedCatalog.Copy;

/**
 * The union catalog's benchmark: drives a running hub over HTTP as five member adapters would, then as sixteen
 * searching staff, and prints what it measured.
 *
 * <ol>
 * <li><b>Ingest.</b> The real seed records (see {@link DerivedCatalog}) are scaled up by reissues and derived into five
 * members' overlapping catalogues with real cataloguing differences, then posted as ISO 2709 batches, several in
 * flight at once. Records/s is measured end to end: HTTP, parsing, matching, clustering, storage.</li>
 * <li><b>Storage.</b> Bytes per record: the catalog's tables and indexes on disk, divided by records.</li>
 * <li><b>Search.</b> Sixteen clients send a mix of keyword, identifier and filtered searches for a fixed time;
 * latency percentiles and throughput are printed.</li>
 * </ol>
 *
 * Arguments are {@code name=value}: {@code hub} (http://localhost:8080), {@code password} (the admin's),
 * {@code jdbc} (the hub's database, for sizes), {@code records} (1000000), {@code batch} (1000), {@code inflight} (3),
 * {@code clients} (16), {@code seconds} (60), {@code skip} (0: the first records of the target are not sent, because the
 * catalog the hub starts from already holds them; this measures ingest into a large catalog without building it anew). {@code bench/run-catalog-benchmark.sh} starts a hub and runs it.
 */
public final class CatalogBenchmark {

    private static final int MEMBERS = 5;
    private static final double HOLDING_SHARE = 0.45;
    private static final Pattern COUNT = Pattern.compile("\"(created|updated|unchanged|rejected)\":(\\d+)");

    private final BenchOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String hub;
    private final String admin;

    private CatalogBenchmark(BenchOptions options) {
        this.options = options;
        this.hub = options.get("hub", "http://localhost:8080");
        this.admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + options.get("password")).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        new CatalogBenchmark(BenchOptions.parse(args,
                "CatalogBenchmark password=<admin password> [hub=…] [jdbc=…] [records=…] [clients=…] [seconds=…]")).run();
    }

    private int option(String name, int fallback) {
        return options.get(name, fallback);
    }

    private void run() throws Exception {
        List<MarcRecord> sources = DerivedCatalog.sources();
        int target = option("records", 1_000_000);
        System.out.printf("machine: %d cores, Java %s; hub %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), hub);
        System.out.printf("seed: %,d real records; target: %,d records of %d members%n", sources.size(), target, MEMBERS);
        List<String> keys = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        for (int m = 1; m <= MEMBERS; m++) {
            keys.add(memberWithKey("BM-" + run + m));
        }
        if (target > 0) {
            ingest(sources, keys, target);
        }
        storage();
        search(sources);
    }

    // ---------------------------------------------------------------- ingest

    private record Batch(int member, byte[] body, int records) {
    }

    private void ingest(List<MarcRecord> sources, List<String> keys, int target) throws Exception {
        int batchSize = option("batch", 1000);
        int inflight = option("inflight", 3);
        // The members' files are made first, as adapters would have them on disk; only sending them is timed.
        long madeAt = System.nanoTime();
        List<Batch> batches = batches(sources, target, option("skip", 0), batchSize);
        System.out.printf("made %,d batches of ISO 2709 in %.1f s (not timed)%n", batches.size(), (System.nanoTime() - madeAt) / 1e9);

        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(batches.size() + inflight);
        queue.addAll(batches);
        Batch end = new Batch(-1, null, 0);
        for (int i = 0; i < inflight; i++) {
            queue.add(end);
        }
        AtomicLong sent = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong created = new AtomicLong();
        List<Thread> senders = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        // Records sent and the time at the last progress line, and once half the run has been sent.
        long[] mark = { 0, start };
        long[] half = { 0, 0 };
        MachineCpu.Snapshot[] cpuAtHalf = { null };
        long toSend = batches.stream().mapToLong(Batch::records).sum();
        for (int i = 0; i < inflight; i++) {
            Thread t = new Thread(() -> {
                try {
                    for (Batch b = queue.take(); b != end && failures.isEmpty(); b = queue.take()) {
                        String report = post(keys.get(b.member()), b.body());
                        Matcher m = COUNT.matcher(report);
                        while (m.find()) {
                            if (m.group(1).equals("rejected")) {
                                rejected.addAndGet(Long.parseLong(m.group(2)));
                            } else if (m.group(1).equals("created")) {
                                created.addAndGet(Long.parseLong(m.group(2)));
                            }
                        }
                        long done = sent.addAndGet(b.records());
                        if (done / 100_000 != (done - b.records()) / 100_000) {
                            synchronized (mark) {
                                long now = System.nanoTime();
                                double s = (now - start) / 1e9;
                                System.out.printf("  %,9d records  %6.1f s  %,8.0f records/s   (these %,d: %,.0f records/s)%n", done, s,
                                        done / s, done - mark[0], (done - mark[0]) / ((now - mark[1]) / 1e9));
                                mark[0] = done;
                                mark[1] = now;
                                if (half[0] == 0 && done >= toSend / 2) {
                                    half[0] = done;
                                    half[1] = now;
                                    cpuAtHalf[0] = MachineCpu.now();
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "sender-" + i);
            t.start();
            senders.add(t);
        }
        for (Thread t : senders) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("ingest failed", failures.get(0));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("INGEST   %,d records in %.1f s = %,.0f records/s end to end over HTTP (created %,d, rejected %,d;"
                + " batches of %d, %d in flight)%n", sent.get(), seconds, sent.get() / seconds, created.get(), rejected.get(),
                batchSize, inflight);
        if (half[0] > 0 && sent.get() > half[0]) {
            // The hub compiles its code as it runs (the first minute or two of a fresh start); the second half of a long
            // run shows the rate it keeps up.
            System.out.printf("SUSTAINED %,d records/s over the second half of the run (%,d records in %.1f s)%n",
                    Math.round((sent.get() - half[0]) / ((System.nanoTime() - half[1]) / 1e9)), sent.get() - half[0],
                    (System.nanoTime() - half[1]) / 1e9);
            System.out.println(MachineCpu.perUnit("CPU      (second half)", cpuAtHalf[0], MachineCpu.now(),
                    sent.get() - half[0], "record"));
        }
    }

    /** The five members' catalogues, generation after generation of reissues, cut into batches per member. */
    private static List<Batch> batches(List<MarcRecord> sources, int target, int skip, int batchSize) {
        List<Batch> batches = new ArrayList<>();
        int produced = 0;
        for (int generation = 0; produced < target; generation++) {
            List<MarcRecord> issue = new ArrayList<>(sources.size());
            for (MarcRecord s : sources) {
                issue.add(generation == 0 ? s : DerivedCatalog.reissue(s, generation));
            }
            List<Copy> copies = DerivedCatalog.derive(issue, generation * sources.size(), MEMBERS, HOLDING_SHARE, 42 + generation);
            List<List<MarcRecord>> perMember = new ArrayList<>();
            for (int m = 0; m < MEMBERS; m++) {
                perMember.add(new ArrayList<>());
            }
            for (Copy c : copies) {
                if (produced++ >= target) {
                    break;
                }
                if (produced <= skip) {
                    continue;
                }
                int member = Integer.parseInt(c.member().substring(1)) - 1;
                List<MarcRecord> list = perMember.get(member);
                list.add(c.record());
                if (list.size() == batchSize) {
                    batches.add(batch(member, list));
                    list.clear();
                }
            }
            for (int m = 0; m < MEMBERS; m++) {
                if (!perMember.get(m).isEmpty()) {
                    batches.add(batch(m, perMember.get(m)));
                }
            }
        }
        return batches;
    }

    private static Batch batch(int member, List<MarcRecord> records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(records.size() * 1500);
        for (MarcRecord r : records) {
            body.writeBytes(Iso2709.write(r));
        }
        return new Batch(member, body.toByteArray(), records.size());
    }

    private String post(String apiKey, byte[] body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/catalog/records"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/marc")
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("batch refused: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private String memberWithKey(String code) throws Exception {
        String member = "{\"code\":\"" + code + "\",\"name\":\"Benchmark library " + code + "\",\"contactEmail\":\"bench@example.org\","
                + "\"shippingAddress\":{\"line1\":\"1 Road\",\"locality\":\"Town\",\"postalCode\":\"1\",\"country\":\"US\"}}";
        send("POST", "/api/v1/members", member, 201);
        String issued = send("POST", "/api/v1/members/" + code + "/api-keys", "{\"label\":\"benchmark\"}", 201);
        Matcher m = Pattern.compile("\"secret\":\"([^\"]+)\"").matcher(issued);
        if (!m.find()) {
            throw new IllegalStateException("no key in " + issued);
        }
        return m.group(1);
    }

    private String send(String method, String path, String json, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub + path)).header("Authorization", admin)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    // ---------------------------------------------------------------- storage

    private void storage() throws Exception {
        String jdbc = options.get("jdbc");
        if (jdbc == null) {
            System.out.println("STORAGE  (no jdbc= given: not measured)");
            return;
        }
        try (Connection c = DriverManager.getConnection(jdbc, options.get("dbuser", "postgres"), null);
                Statement s = c.createStatement()) {
            s.execute("vacuum analyze catalog_record");
            s.execute("vacuum analyze catalog_match_key");
            s.execute("vacuum analyze catalog_cluster");
            try (ResultSet rs = s.executeQuery("select (select count(*) from catalog_record) as records,"
                    + " (select count(*) from catalog_cluster) as clusters,"
                    + " pg_total_relation_size('catalog_record') as r, pg_total_relation_size('catalog_match_key') as k,"
                    + " pg_total_relation_size('catalog_cluster') as c")) {
                rs.next();
                long records = rs.getLong("records");
                long bytes = rs.getLong("r") + rs.getLong("k") + rs.getLong("c");
                System.out.printf("STORAGE  %,d records in %,d clusters; %,d MB on disk = %,d bytes/record"
                        + " (records %,d, match keys %,d, clusters %,d bytes/record)%n", records, rs.getLong("clusters"),
                        bytes >> 20, bytes / records, rs.getLong("r") / records, rs.getLong("k") / records,
                        rs.getLong("c") / records);
            }
        }
    }

    // ---------------------------------------------------------------- search

    private void search(List<MarcRecord> sources) throws Exception {
        List<String> queries = queries(sources);
        int clients = option("clients", 16);
        int seconds = option("seconds", 60);
        for (int i = 0; i < Math.min(200, queries.size()); i++) {
            get(queries.get(i));
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[200_000];
            perClient.add(latencies);
            Random random = new Random(c);
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < deadline && n < latencies.length) {
                    String q = queries.get(random.nextInt(queries.size()));
                    long t0 = System.nanoTime();
                    try {
                        get(q);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[n++] = System.nanoTime() - t0;
                }
                latencies[latencies.length - 1] = n;
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        int total = 0;
        for (long[] l : perClient) {
            total += (int) l[l.length - 1];
        }
        long[] all = new long[total];
        int i = 0;
        for (long[] l : perClient) {
            int n = (int) l[l.length - 1];
            System.arraycopy(l, 0, all, i, n);
            i += n;
        }
        Arrays.sort(all);
        System.out.printf("SEARCH   %d clients, %d s, %,d searches (%,.0f/s, %d errors) over %,d different queries:"
                + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", clients, seconds, total, total / (double) seconds,
                errors.get(), queries.size(), ms(all, 0.50), ms(all, 0.95), ms(all, 0.99), all[all.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private void get(String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/catalog/search?" + query))
                .header("Authorization", admin).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(query + ": " + r.statusCode() + " " + r.body());
        }
    }

    /**
     * What staff search for: two words of a title (most of the mix), a title word with an author word, a bare title
     * word with a format filter, and ISBN lookups, from the seed records, so each query finds something.
     */
    private static List<String> queries(List<MarcRecord> sources) {
        List<String> queries = new ArrayList<>();
        Random random = new Random(7);
        for (MarcRecord r : sources) {
            ManifestationProfile p = ManifestationProfile.of(r);
            List<String> title = SearchText.tokens(r.first("245", 'a')).stream().filter(t -> t.length() > 3).toList();
            List<String> author = SearchText.tokens(r.first("100", 'a')).stream().filter(t -> t.length() > 3).toList();
            if (title.size() >= 2) {
                queries.add("q=" + enc(title.get(0) + " " + title.get(1)));
            }
            if (!title.isEmpty() && !author.isEmpty() && random.nextInt(3) == 0) {
                queries.add("q=" + enc(title.get(0) + " " + author.get(0)));
            }
            if (!title.isEmpty() && random.nextInt(5) == 0) {
                queries.add("q=" + enc(title.get(title.size() - 1)) + "&format=" + p.format().name().toLowerCase());
            }
            if (!p.isbns().isEmpty() && random.nextInt(3) == 0) {
                queries.add("isbn=" + p.isbns().get(0));
            }
        }
        return queries;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
