package org.consortiumhub.adapter.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.consortiumhub.catalog.SharedData;
import org.consortiumhub.catalog.marc.MarcInput;
import org.consortiumhub.catalog.marc.ReadRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged adapter against the packaged hub on real PostgreSQL, both as processes: a first full sync of a real MARC
 * file read back through the hub's API, a replay that changes nothing, a wrong key told plainly, and a sync killed
 * with SIGKILL in the middle that the next run completes with exactly the source's records.
 */
class AdapterAgainstRealHubIT {

    @TempDir
    static Path work;

    private static RealHub hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = RealHub.start(work);
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aFirstFullSyncPutsTheLibrarysRecordsInTheUnionCatalog() throws Exception {
        String apiKey = hub.demoApiKey("US-HLU");
        Path exports = folder("hlu-exports", "marc/eg_lul_fre_500.mrc", "marc/stanford-50.mrc.gz");
        Set<String> sourceIds = idsIn(exports);
        Map<String, String> settings = settings(apiKey, exports, "hlu-state");

        AdapterProcess sync = AdapterProcess.run(work.resolve("hlu"), settings, "sync");

        assertEquals(0, sync.exitCode(), sync.output());
        assertTrue(sync.stdout().contains("as member US-HLU"), sync.output());
        assertEquals(sourceIds.size(), count(sync.stdout(), "created"), sync.output());
        assertFalse(sync.stderr().contains("Exception"), sync.stderr());
        assertTrue(hub.localIds("US-HLU").containsAll(sourceIds));
        String someId = sourceIds.iterator().next();
        var record = hub.get("/api/v1/catalog/records/US-HLU/" + URLEncoder.encode(someId, StandardCharsets.UTF_8),
                "Bearer " + apiKey);
        assertEquals(200, record.statusCode(), record.body());
        assertTrue(record.body().contains("\"localId\":\"" + someId + "\""), record.body());

        AdapterProcess replay = AdapterProcess.run(work.resolve("hlu"), settings, "sync");

        assertEquals(0, replay.exitCode(), replay.output());
        assertEquals(sourceIds.size(), count(replay.stdout(), "unchanged"), "a replay changes nothing: " + replay.output());
        assertEquals(0, count(replay.stdout(), "created"));

        AdapterProcess status = AdapterProcess.run(work.resolve("hlu"), settings, "status");
        assertEquals(0, status.exitCode(), status.output());
        assertTrue(status.stdout().contains(String.format("Records at the hub:  %,d", sourceIds.size())), status.output());
        assertTrue(status.stdout().contains("Interrupted sync:    no"), status.output());
    }

    @Test
    void aWrongApiKeyIsToldPlainlyWithoutAStackTrace() throws Exception {
        Path exports = folder("wrong-key-exports", "marc/eg_nepali.marc");

        AdapterProcess sync = AdapterProcess.run(work.resolve("wrong-key"),
                settings("not-a-key-the-hub-issued", exports, "wrong-key-state"), "sync");

        assertEquals(4, sync.exitCode(), sync.output());
        assertTrue(sync.stderr().contains("The hub did not accept the API key (401): check adapter.hub.api-key"),
                sync.output());
        assertFalse(sync.output().contains("\tat "), "no stack trace: " + sync.output());
    }

    @Test
    void aSyncKilledMidwayIsCompletedByTheNextRunWithExactlyTheSourcesRecords() throws Exception {
        String apiKey = hub.newMemberWithKey("ZT-KILL");
        Path exports = folder("kill-exports", "marc/eg_jazz_1k.mrc");
        Map<String, String> settings = settings(apiKey, exports, "kill-state");
        settings.put("ADAPTER_SYNC_BATCH_SIZE", "20");
        settings.put("ADAPTER_SYNC_CONCURRENCY", "2");

        AdapterProcess first = AdapterProcess.run(work.resolve("kill"), settings, "sync");
        assertEquals(0, first.exitCode(), first.output());
        Set<String> before = hub.localIds("ZT-KILL");
        assertEquals(idsIn(exports), before);

        // The library's next full export: the jazz records are gone, other records came in.
        Files.delete(exports.resolve("eg_jazz_1k.mrc"));
        copy(exports, "marc/perf_2k_bib_Create.mrc", "marc/eg_lul_fre_500.mrc", "marc/m4j_pride-and-prejudice-fixed.mrc",
                "marc/perf_For_LA_edeposit_updates_1k.mrc");
        Set<String> sourceIds = idsIn(exports);

        AdapterProcess killed = AdapterProcess.start(work.resolve("kill"), settings, "sync");
        Awaitility.await("the sync to be well under way").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!killed.process.isAlive()) {
                        throw new AssertionError("the sync ended before it could be killed:\n" + killed.output());
                    }
                    Set<String> now = hub.localIds("ZT-KILL");
                    now.removeAll(before);
                    return now.size() >= 600;
                });
        killed.process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no clean close
        killed.process.waitFor();
        Set<String> atKill = hub.localIds("ZT-KILL");
        assertTrue(atKill.containsAll(before), "killed before any withdrawal");
        assertFalse(atKill.containsAll(sourceIds), "killed before the end");

        AdapterProcess status = AdapterProcess.run(work.resolve("kill"), settings, "status");
        assertTrue(status.stdout().contains("Interrupted sync:    yes"), status.output());

        AdapterProcess resumed = AdapterProcess.run(work.resolve("kill"), settings, "sync");

        assertEquals(0, resumed.exitCode(), resumed.output());
        assertTrue(resumed.stdout().contains("(resumed run)"), resumed.output());
        assertEquals(sourceIds, hub.localIds("ZT-KILL"), "the hub holds exactly the source's records");
        Set<String> sentBeforeKill = new TreeSet<>(atKill);
        sentBeforeKill.removeAll(before);
        assertTrue(count(resumed.stdout(), "unchanged") < sentBeforeKill.size(), "the resumed run continues after "
                + "the last acknowledged batch; it does not send the " + sentBeforeKill.size() + " records stored before "
                + "the kill again: " + resumed.stdout());
        Set<String> withdrawn = new TreeSet<>(before);
        withdrawn.removeAll(sourceIds);
        assertTrue(resumed.stdout().contains(String.format("(%,d of them no longer in the source)", withdrawn.size())),
                resumed.output());
    }

    @Test
    void theLongRunningModeSyncsServesHealthAndGuardsAvailability() throws Exception {
        String apiKey = hub.newMemberWithKey("ZT-SERVE");
        Path exports = folder("serve-exports", "marc/eg_nepali.marc");
        Map<String, String> settings = settings(apiKey, exports, "serve-state");
        int port = RealHub.freePort();
        settings.put("ADAPTER_SYNC_SCHEDULE", "0 0 3 * * ?");
        settings.put("ADAPTER_SERVE_PORT", String.valueOf(port));
        settings.put("ADAPTER_SERVE_SECRET", "secret-shared-with-the-hub");
        settings.put("ADAPTER_SRU_URL", "http://127.0.0.1:" + RealHub.freePort() + "/sru");
        settings.put("ADAPTER_SRU_ATTEMPTS", "1");
        settings.put("ADAPTER_SYNC_COMPRESS", "true"); // the hub takes gzipped batches too

        AdapterProcess serve = AdapterProcess.start(work.resolve("serve"), settings, "serve", "--sync-now");
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.URI health = java.net.URI.create("http://127.0.0.1:" + port + "/health");
            Awaitility.await("the first sync to finish").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!serve.process.isAlive()) {
                            throw new AssertionError("serve stopped:\n" + serve.output());
                        }
                        try {
                            return http.send(java.net.http.HttpRequest.newBuilder(health).build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString()).body().contains("\"lastSync\":\"ok\"");
                        } catch (java.io.IOException notYet) {
                            return false;
                        }
                    });
            assertEquals(idsIn(exports), hub.localIds("ZT-SERVE"));

            java.net.URI availability = java.net.URI.create("http://127.0.0.1:" + port + "/availability?localId=1");
            var anonymous = http.send(java.net.http.HttpRequest.newBuilder(availability).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            var noSruServer = http.send(java.net.http.HttpRequest.newBuilder(availability)
                    .header("Authorization", "Bearer secret-shared-with-the-hub").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(502, noSruServer.statusCode(), noSruServer.body());
            assertTrue(noSruServer.body().contains("cannot connect to the SRU server"), noSruServer.body());
        } finally {
            serve.process.destroy(); // SIGTERM, as a service manager stops it
            assertTrue(serve.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "serve stops on SIGTERM");
        }
    }

    private static Map<String, String> settings(String apiKey, Path exports, String state) {
        Map<String, String> env = new HashMap<>();
        env.put("ADAPTER_HUB_URL", hub.url());
        env.put("ADAPTER_HUB_API_KEY", apiKey);
        env.put("ADAPTER_SYNC_SOURCE", "files");
        env.put("ADAPTER_FILES_PATH", exports.toString());
        env.put("ADAPTER_FILES_MODE", "full");
        env.put("ADAPTER_SYNC_STATE_DIR", work.resolve(state).toString());
        return env;
    }

    /** A number from the summary, e.g. the 512 of "  created         512". */
    private static long count(String summary, String label) {
        Matcher m = Pattern.compile("([0-9][0-9,]*) " + Pattern.quote(label) + "|" + Pattern.quote(label)
                + "\\s+([0-9][0-9,]*)").matcher(summary);
        if (!m.find()) {
            throw new AssertionError("no '" + label + "' in the summary:\n" + summary);
        }
        return Long.parseLong((m.group(1) != null ? m.group(1) : m.group(2)).replace(",", ""));
    }

    private static Path folder(String name, String... files) throws Exception {
        Path folder = Files.createDirectories(work.resolve(name));
        copy(folder, files);
        return folder;
    }

    private static void copy(Path folder, String... files) throws Exception {
        for (String file : files) {
            Path source = SharedData.path(file);
            Files.copy(source, folder.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Set<String> idsIn(Path folder) throws Exception {
        Set<String> ids = new TreeSet<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                try (InputStream in = Files.newInputStream(file); MarcInput marc = MarcInput.read(in)) {
                    marc.forEachRemaining(r -> {
                        if (r instanceof ReadRecord read && read.record().controlNumber() != null
                                && !read.record().isDeleted()) {
                            ids.add(read.record().controlNumber());
                        }
                    });
                }
            }
        }
        return ids;
    }
}
