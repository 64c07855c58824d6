package org.consortiumhub.hub.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged hub as a user would, with no database configured: it must start its embedded PostgreSQL,
 * load the demo consortium once, stop the database cleanly, and find everything again after a restart.
 */
class EmbeddedHubRestartIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void dataSurvivesARestartAndTheDemoIsLoadedOnlyOnce() throws Exception {
        Path dataDir = work.resolve("hub-data");
        int port = freePort();

        RunningHub first = RunningHub.start(dataDir, port, Map.of());
        String firstOutput = first.output();
        assertTrue(firstOutput.contains("its data directory is " + dataDir.resolve("postgres")), firstOutput);
        Matcher adminLine = Pattern.compile("password: (\\S+)").matcher(firstOutput);
        assertTrue(adminLine.find(), "the generated admin password is printed at first start");
        String adminPassword = adminLine.group(1);

        Path credentials = dataDir.resolve("demo-credentials.txt");
        assertTrue(Files.exists(credentials), "demo credentials are written next to the data directory");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
        String file = Files.readString(credentials);
        String staffPassword = column(file, "ILL_STAFF\\s+US-RVC\\s+ill.rvc\\s+(\\S+)");
        String apiKey = column(file, "API_KEY\\s+US-HLU\\s+\\S+\\s+(\\S+)");
        assertTrue(file.contains(adminPassword), "the admin password is in the credentials file");

        assertEquals(5, count(get(port, "/api/v1/members", basic("admin", adminPassword)).body()));
        assertTrue(get(port, "/api/v1/me", basic("ill.rvc", staffPassword)).body().contains("\"memberCode\":\"US-RVC\""));
        String borrowing = get(port, "/api/v1/ill/requests?side=borrowing", basic("ill.rvc", staffPassword)).body();
        assertTrue(borrowing.contains("\"state\":\"RECEIVED\"") && borrowing.contains("\"serviceLevel\":\"RUSH\""),
                "the demo library has loans under way: " + borrowing);
        assertTrue(get(port, "/api/v1/me", "Bearer " + apiKey).body().contains("\"memberCode\":\"US-HLU\""));
        String managerPassword = column(file, "ALLIANCE_MANAGER\\s+alliance.manager\\s+(\\S+)");
        String proposals = get(port, "/api/v1/procurement/proposals", basic("alliance.manager", managerPassword)).body();
        assertTrue(proposals.contains("\"status\":\"OPEN\"") && proposals.contains("\"pledgedTotalMinor\":1200000"),
                "the demo has an open proposal with pledges: " + proposals);
        HttpResponse<String> created = send(port, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/members"))
                .header("Authorization", basic("admin", adminPassword))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"code":"ZT-RESTART","name":"Restart Test Library","contactEmail":"desk@example.org",
                         "shippingAddress":{"line1":"1 Road","locality":"Town","postalCode":"1","country":"US"}}""")));
        assertEquals(201, created.statusCode(), created.body());
        first.stop();
        assertTrue(first.output().contains("embedded PostgreSQL stopped cleanly"), first.output());
        assertFalse(Files.exists(dataDir.resolve("postgres/postmaster.pid")), "the database shut down cleanly");

        RunningHub second = RunningHub.start(dataDir, port, Map.of());
        try {
            assertFalse(second.output().contains("first admin account created"), "no second admin on restart");
            assertEquals(file, Files.readString(credentials), "the demo is not loaded again");
            String members = get(port, "/api/v1/members", basic("admin", adminPassword)).body();
            assertEquals(6, count(members));
            assertTrue(members.contains("Restart Test Library"));
            assertEquals(200, get(port, "/api/v1/me", "Bearer " + apiKey).statusCode());
        } finally {
            second.stop();
        }
    }

    @Test
    void noDemoStartsAnEmptyConsortiumWithTheChosenAdminPassword() throws Exception {
        Path dataDir = work.resolve("bare");
        int port = freePort();
        RunningHub hub = RunningHub.start(dataDir, port, Map.of("HUB_BOOTSTRAP_ADMIN_PASSWORD", "chosen-admin-password"),
                "--no-demo");
        try {
            assertFalse(hub.output().contains("chosen-admin-password"), "a chosen password is never printed");
            assertEquals("[]", get(port, "/api/v1/members", basic("admin", "chosen-admin-password")).body());
            assertFalse(Files.exists(dataDir.resolve("demo-credentials.txt")));
            assertEquals(200, get(port, "/q/health/ready", null).statusCode());
            assertTrue(get(port, "/q/metrics", null).body().contains("http_server_requests"));
            assertTrue(get(port, "/q/openapi", null).body().contains("/api/v1/members/{code}/api-keys"));
        } finally {
            hub.stop();
        }
    }

    private static String column(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no line matching " + regex + " in\n" + text);
        return m.group(1);
    }

    private static int count(String jsonArray) {
        return jsonArray.split("\"code\":").length - 1;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(port, request);
    }

    private static HttpResponse<String> send(int port, HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The packaged hub in its own process, its output captured to a file. */
    private record RunningHub(Process process, Path log, int port) {

        static RunningHub start(Path dataDir, int port, Map<String, String> env, String... args) throws Exception {
            String jar = System.getProperty("hub.runner.jar");
            assertTrue(jar != null && Files.exists(Path.of(jar)), "the packaged hub is needed: " + jar);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
            command.addAll(List.of(args));
            Files.createDirectories(dataDir.getParent());
            Path log = Files.createTempFile(dataDir.getParent(), "hub-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("HUB_") || k.startsWith("QUARKUS_"));
            builder.environment().put("HUB_DATA_DIR", dataDir.toString());
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().putAll(env);
            RunningHub hub = new RunningHub(builder.start(), log, port);
            Awaitility.await("the hub to become ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!hub.process.isAlive()) {
                            throw new AssertionError("the hub exited early:\n" + hub.output());
                        }
                        try {
                            return get(port, "/q/health/ready", null).statusCode() == 200;
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
            return hub;
        }

        String output() throws IOException {
            return Files.readString(log);
        }

        /** Stops the hub as a service manager would (SIGTERM) and waits for it. */
        void stop() throws Exception {
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the hub stops within a minute");
        }
    }
}
