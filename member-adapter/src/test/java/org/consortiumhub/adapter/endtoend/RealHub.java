package org.consortiumhub.adapter.endtoend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * The packaged hub ({@code hub/target/quarkus-app/quarkus-run.jar}, built earlier in the reactor) running as its own
 * process on a fresh database of the machine's PostgreSQL server, with the demo consortium loaded.
 */
final class RealHub implements AutoCloseable {

    static final String ADMIN_PASSWORD = "adapter-test-admin-password";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final int port;
    final Path dataDir;
    private final String database;
    private final Process process;
    private final Path log;

    private RealHub(int port, Path dataDir, String database, Process process, Path log) {
        this.port = port;
        this.dataDir = dataDir;
        this.database = database;
        this.process = process;
        this.log = log;
    }

    static RealHub start(Path work) throws Exception {
        String jar = System.getProperty("hub.runner.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("The packaged hub is missing (" + jar + "): build the hub module first, "
                    + "e.g. ./mvnw -pl hub,member-adapter -am verify");
        }
        String database = "adapter_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection db = admin(); Statement sql = db.createStatement()) {
            sql.execute("create database " + database);
        }
        int port = freePort();
        Path dataDir = Files.createDirectories(work.resolve("hub-data"));
        Path log = work.resolve("hub.log");
        ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-jar", jar).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("HUB_") || k.startsWith("QUARKUS_"));
        builder.environment().put("HUB_DB_URL", "postgresql://" + host() + ":" + dbPort() + "/" + database);
        builder.environment().put("HUB_DB_USER", System.getProperty("hub.test.db.user", "postgres"));
        builder.environment().put("HUB_DATA_DIR", dataDir.toString());
        builder.environment().put("HUB_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("HUB_DEMO", "true");
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        RealHub hub = new RealHub(port, dataDir, database, builder.start(), log);
        try {
            Awaitility.await("the hub to become ready").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!hub.process.isAlive()) {
                            throw new AssertionError("the hub exited early:\n" + Files.readString(log));
                        }
                        try {
                            return hub.get("/q/health/ready", null).statusCode() == 200
                                    && Files.exists(dataDir.resolve("demo-credentials.txt"));
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
        } catch (RuntimeException | Error notReady) {
            hub.close();
            throw notReady;
        }
        return hub;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The API key the demo consortium issued to a member's adapter. */
    String demoApiKey(String memberCode) throws IOException {
        String file = Files.readString(dataDir.resolve("demo-credentials.txt"));
        Matcher m = Pattern.compile("API_KEY\\s+" + Pattern.quote(memberCode) + "\\s+\\S+\\s+(\\S+)").matcher(file);
        assertTrue(m.find(), "no API key for " + memberCode + " in the demo credentials:\n" + file);
        return m.group(1);
    }

    /** A new member library with no records yet, and its adapter's API key. */
    String newMemberWithKey(String code) throws Exception {
        HttpResponse<String> member = post("/api/v1/members", """
                {"code":"%s","name":"Adapter Test Library","contactEmail":"systems@example.org",
                 "shippingAddress":{"line1":"1 Library Way","locality":"Town","postalCode":"1","country":"US"}}"""
                .formatted(code));
        assertTrue(member.statusCode() == 201, member.body());
        HttpResponse<String> key = post("/api/v1/members/" + code + "/api-keys", "{\"label\":\"adapter test\"}");
        assertTrue(key.statusCode() == 201, key.body());
        Matcher secret = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"").matcher(key.body());
        assertTrue(secret.find(), key.body());
        return secret.group(1);
    }

    /** The local ids of a member's records, read straight from the hub's database. */
    Set<String> localIds(String memberCode) throws Exception {
        Set<String> ids = new TreeSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + dbPort() + "/" + database,
                System.getProperty("hub.test.db.user", "postgres"), "");
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select r.local_id from catalog_record r join member_library m "
                        + "on m.id = r.member_id where m.code = '" + memberCode.replace("'", "''") + "'")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Connection db = admin(); Statement sql = db.createStatement()) {
            sql.execute("drop database if exists " + database + " with (force)");
        }
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Connection admin() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + dbPort() + "/postgres",
                System.getProperty("hub.test.db.user", "postgres"), "");
    }

    private static String host() {
        return System.getProperty("hub.test.db.host", "127.0.0.1");
    }

    private static String dbPort() {
        return System.getProperty("hub.test.db.port", "5432");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
