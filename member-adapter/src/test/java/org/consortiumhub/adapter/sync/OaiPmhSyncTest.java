package org.consortiumhub.adapter.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.consortiumhub.adapter.checkpoint.CheckpointStore;
import org.consortiumhub.adapter.http.RemoteServer;
import org.consortiumhub.adapter.source.oaipmh.OaiPmhSettings;
import org.consortiumhub.adapter.source.oaipmh.OaiPmhSource;
import org.consortiumhub.catalog.SharedData;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Harvest and sync together, checkpoints included: an OAI-PMH server (WireMock replaying real pages) feeding a
 * catalog that follows the hub's ingest contract.
 */
@QuarkusTest
@ConnectWireMock
class OaiPmhSyncTest {

    WireMock wiremock;

    @ConfigProperty(name = "quarkus.wiremock.devservices.port")
    int port;

    private Path state;

    private final InMemoryCatalog hub = new InMemoryCatalog();

    @BeforeEach
    void server() throws Exception {
        state = java.nio.file.Files.createTempDirectory("oai-sync-state");
        wiremock.resetMappings();
        wiremock.resetRequests();
        answer(verb("Identify"), SharedData.bytes("oai-pmh/infrae_pyoai/fake1/00001.xml"));
    }

    @Test
    void aHarvestStoppedByAServerErrorResumesFromItsLastPageThenHarvestsIncrementally() throws Exception {
        answer(verb("ListRecords").withQueryParam("resumptionToken", absent()).withQueryParam("from", absent()),
                SharedData.bytes("oai-pmh/vufindharvest/marc.xml"));
        wiremock.register(verb("ListRecords").withQueryParam("resumptionToken", equalTo("fakeresumptiontoken"))
                .willReturn(aResponse().withStatus(500)));

        SyncEngine.Stopped stopped = assertThrows(SyncEngine.Stopped.class, this::sync);
        assertTrue(stopped.getMessage().startsWith("The OAI-PMH server at http://localhost:" + port
                + " answered HTTP 500"), stopped.getMessage());
        assertEquals(100, hub.records.size(), "the first page reached the hub before the failure");

        // the server recovers; the next run asks for the page that failed, not the first one again
        wiremock.resetMappings();
        answer(verb("Identify"), SharedData.bytes("oai-pmh/infrae_pyoai/fake1/00001.xml"));
        answer(verb("ListRecords").withQueryParam("resumptionToken", equalTo("fakeresumptiontoken")),
                SharedData.bytes("oai-pmh/folio_mod-reservoir/oai-response-1.xml"));
        answer(verb("ListRecords").withQueryParam("resumptionToken", equalTo("MzM5OzE7Ozt2MS4w")),
                lastPage(SharedData.bytes("oai-pmh/folio_mod-reservoir/oai-response-1.xml")));
        wiremock.resetRequests();

        SyncSummary resumed = sync();

        assertEquals(0, wiremock.find(getRequestedFor(urlPathEqualTo("/oai")).withQueryParam("verb", equalTo("ListRecords"))
                .withQueryParam("resumptionToken", absent())).size(), "the first page is not harvested again");
        assertEquals(103, hub.records.size());
        assertFalse(hub.records.containsKey("998212783503681"), "the deleted record is not in the catalog");
        assertEquals(3, resumed.created());

        // the next run asks only for what changed since the resumed harvest began
        wiremock.resetRequests();
        answer(verb("ListRecords").withQueryParam("from", equalTo("2016-06-01T07:57:34Z")),
                SharedData.bytes("oai-pmh/sickle_spec_examples/noRecordsMatch.xml"));

        SyncSummary nothingNew = sync();

        assertEquals(0, nothingNew.read());
        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo("/oai")).withQueryParam("from",
                equalTo("2016-06-01T07:57:34Z")));
    }

    private SyncSummary sync() throws Exception {
        try (CheckpointStore store = CheckpointStore.open(state)) {
            OaiPmhSource source = new OaiPmhSource(new OaiPmhSettings(URI.create("http://localhost:" + port + "/oai"),
                    "marc21", Optional.empty(),
                    new RemoteServer.Retrying(Duration.ofSeconds(5), 2, Duration.ofMillis(10), Duration.ofMillis(20))));
            return new SyncEngine(source, hub, store, new SyncEngine.Settings(30, 2, state, true), SyncProgress.silent()).run();
        }
    }

    private static MappingBuilder verb(String verb) {
        return get(urlPathEqualTo("/oai")).withQueryParam("verb", equalTo(verb));
    }

    private void answer(MappingBuilder request, byte[] body) {
        wiremock.register(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody(body)));
    }

    private static byte[] lastPage(byte[] page) {
        return new String(page, StandardCharsets.UTF_8)
                .replaceAll("<resumptionToken[^>]*>[^<]*</resumptionToken>", "<resumptionToken/>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
