package org.consortiumhub.adapter.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.consortiumhub.adapter.hub.HubConnection;
import org.consortiumhub.adapter.hub.HubConnectionException;
import org.consortiumhub.adapter.hub.HubConnectionException.Reason;
import org.consortiumhub.adapter.hub.HubSettings;
import org.consortiumhub.api.client.model.BatchReport;
import org.consortiumhub.catalog.SharedData;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;

/** Sending batches to the hub (played by WireMock): retries, the circuit breaker, and what is never retried. */
@QuarkusTest
@ConnectWireMock
class HubPusherTest {

    private static final String REPORT = "{\"memberCode\":\"US-RVC\",\"received\":2,\"created\":1,\"updated\":0,"
            + "\"unchanged\":0,\"deleted\":0,\"rejected\":1,\"records\":[{\"position\":1,\"localId\":\"a1\","
            + "\"outcome\":\"CREATED\"},{\"position\":2,\"outcome\":\"REJECTED\",\"reason\":\"no 001\"}]}";

    WireMock wiremock;

    @ConfigProperty(name = "adapter.hub.url")
    URI hubUrl;

    private HubConnection hub;
    private Path batch;

    @BeforeEach
    void setUp() throws Exception {
        wiremock.resetMappings();
        wiremock.resetRequests();
        wiremock.resetScenarios();
        hub = new HubConnection(new HubSettings(hubUrl, "key-1", Duration.ofSeconds(5)));
        batch = Files.createTempFile("batch-", ".mrc");
        Files.write(batch, SharedData.bytes("marc/eg_nepali.marc"));
    }

    @AfterEach
    void tearDown() throws Exception {
        hub.close();
        Files.deleteIfExists(batch);
    }

    @Test
    void sendsTheBatchWithTheKeyAndReadsTheReport() throws Exception {
        wiremock.register(post("/api/v1/catalog/records").willReturn(okJson(REPORT)));

        BatchReport report = pusher(3, new CircuitBreaker(5, Duration.ofMinutes(1), Clock.systemUTC())).send(batch);

        assertEquals(1, report.getCreated());
        assertEquals("no 001", report.getRecords().get(1).getReason());
        wiremock.verifyThat(1, postRequestedFor(urlEqualTo("/api/v1/catalog/records"))
                .withHeader("Authorization", equalTo("Bearer key-1"))
                .withHeader("Content-Type", equalTo("application/octet-stream")));
    }

    @Test
    void aFailingHubIsAskedAgainUntilItAnswers() throws Exception {
        wiremock.register(post("/api/v1/catalog/records").inScenario("restart").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("reset").willReturn(aResponse().withStatus(503)));
        wiremock.register(post("/api/v1/catalog/records").inScenario("restart").whenScenarioStateIs("reset")
                .willSetStateTo("up").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wiremock.register(post("/api/v1/catalog/records").inScenario("restart").whenScenarioStateIs("up")
                .willReturn(okJson(REPORT)));

        BatchReport report = pusher(5, new CircuitBreaker(5, Duration.ofMinutes(1), Clock.systemUTC())).send(batch);

        assertEquals(1, report.getCreated());
        wiremock.verifyThat(3, postRequestedFor(urlEqualTo("/api/v1/catalog/records")));
    }

    @Test
    void aRejectedKeyIsNotRetried() {
        wiremock.register(post("/api/v1/catalog/records").willReturn(aResponse().withStatus(401)));

        HubConnectionException failure = assertThrows(HubConnectionException.class,
                () -> pusher(5, new CircuitBreaker(5, Duration.ofMinutes(1), Clock.systemUTC())).send(batch));

        assertEquals(Reason.KEY_NOT_ACCEPTED, failure.reason());
        wiremock.verifyThat(1, postRequestedFor(urlEqualTo("/api/v1/catalog/records")));
    }

    @Test
    void aBatchTheHubRefusesIsReportedWithTheHubsReason() {
        wiremock.register(post("/api/v1/catalog/records").willReturn(aResponse().withStatus(413)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Payload Too Large\",\"status\":413,\"detail\":\"at most 10,000 records\"}")));

        HubConnectionException failure = assertThrows(HubConnectionException.class,
                () -> pusher(5, new CircuitBreaker(5, Duration.ofMinutes(1), Clock.systemUTC())).send(batch));

        assertTrue(failure.getMessage().endsWith("answered with an error (HTTP 413): at most 10,000 records"),
                failure.getMessage());
        wiremock.verifyThat(1, postRequestedFor(urlEqualTo("/api/v1/catalog/records")));
    }

    @Test
    void theBreakerStopsCallingAHubThatIsDown() throws Exception {
        wiremock.register(post("/api/v1/catalog/records").willReturn(aResponse().withStatus(502)));
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofMinutes(5), Clock.systemUTC());

        HubConnectionException failure = assertThrows(HubConnectionException.class,
                () -> pusher(10, breaker).send(batch));

        assertTrue(failure.getMessage().startsWith("The sync stopped: the hub failed 3 times in a row"),
                failure.getMessage());
        wiremock.verifyThat(3, postRequestedFor(urlEqualTo("/api/v1/catalog/records")));
        assertThrows(HubConnectionException.class, () -> pusher(10, breaker).send(batch));
        wiremock.verifyThat(3, postRequestedFor(urlEqualTo("/api/v1/catalog/records")));
    }

    private HubPusher pusher(int attempts, CircuitBreaker breaker) {
        return new HubPusher(hub, breaker, attempts, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));
    }
}
