package org.consortiumhub.adapter.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.consortiumhub.adapter.hub.HubConnectionException.Reason;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;

/** How the adapter reads each answer the hub (played by WireMock) can give to "who am I?". */
@QuarkusTest
@ConnectWireMock
class HubConnectionTest {

    private static final String API_KEY = "chk_US-RVC_4f1e9a";
    private static final Duration PATIENT = Duration.ofSeconds(10);

    WireMock wiremock;

    @ConfigProperty(name = "adapter.hub.url")
    URI hubUrl;

    @BeforeEach
    void freshHub() {
        wiremock.resetMappings();
        wiremock.resetRequests();
    }

    @Test
    void identifiesTheMemberTheKeyBelongsTo() throws Exception {
        hubAnswersMe(okJson("{\"kind\":\"ADAPTER\",\"memberCode\":\"US-RVC\",\"apiKeyId\":\"key-0042\"}"));

        AdapterIdentity adapter = identify(hubUrl, PATIENT);

        assertEquals(new AdapterIdentity("US-RVC", "key-0042"), adapter);
        wiremock.verifyThat(1, getRequestedFor(urlEqualTo("/api/v1/me"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY)));
    }

    @Test
    void aRejectedKeyTellsTheLibrarianToCheckIt() {
        hubAnswersMe(problem(401, "Unauthenticated", "The API key is unknown or revoked."));

        HubConnectionException failure = assertThrows(HubConnectionException.class, () -> identify(hubUrl, PATIENT));

        assertEquals(Reason.KEY_NOT_ACCEPTED, failure.reason());
        assertEquals("The hub did not accept the API key (401): check adapter.hub.api-key, "
                + "or ask the hub admin whether it was revoked.", failure.getMessage());
    }

    @Test
    void staffCredentialsAreNotAnAdapterKey() {
        hubAnswersMe(okJson("{\"kind\":\"USER\",\"username\":\"jdoe\",\"role\":\"ILL_STAFF\",\"memberCode\":\"US-RVC\"}"));

        HubConnectionException failure = assertThrows(HubConnectionException.class, () -> identify(hubUrl, PATIENT));

        assertEquals(Reason.KEY_NOT_ACCEPTED, failure.reason());
        assertTrue(failure.getMessage().contains("staff user 'jdoe', not as a member adapter"), failure.getMessage());
    }

    @Test
    void aHubErrorShowsTheStatusAndTheHubsExplanation() {
        hubAnswersMe(problem(500, "Internal Server Error", "The catalog database is not reachable."));

        HubConnectionException failure = assertThrows(HubConnectionException.class, () -> identify(hubUrl, PATIENT));

        assertEquals(Reason.HUB_ERROR, failure.reason());
        assertEquals("The hub at " + hubUrl + " answered with an error (HTTP 500): The catalog database is not reachable.",
                failure.getMessage());
    }

    @Test
    void aProxyErrorPageShowsTheStatusAlone() {
        hubAnswersMe(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad Gateway</body></html>"));

        HubConnectionException failure = assertThrows(HubConnectionException.class, () -> identify(hubUrl, PATIENT));

        assertEquals(Reason.HUB_ERROR, failure.reason());
        assertEquals("The hub at " + hubUrl + " answered with an error (HTTP 502).", failure.getMessage());
    }

    @Test
    void aGarbledProblemShowsTheStatusAlone() {
        hubAnswersMe(aResponse().withStatus(500).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Internal Serv"));

        HubConnectionException failure = assertThrows(HubConnectionException.class, () -> identify(hubUrl, PATIENT));

        assertEquals(Reason.HUB_ERROR, failure.reason());
        assertEquals("The hub at " + hubUrl + " answered with an error (HTTP 500).", failure.getMessage());
    }

    @Test
    void aWebServerThatIsNotTheHubIsCalledOut() {
        hubAnswersMe(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Welcome to the library website</body></html>"));

        HubConnectionException failure = assertThrows(HubConnectionException.class, () -> identify(hubUrl, PATIENT));

        assertEquals(Reason.HUB_ERROR, failure.reason());
        assertTrue(failure.getMessage().endsWith("check adapter.hub.url."), failure.getMessage());
    }

    @Test
    void nothingListeningAtTheAddressIsUnreachable() throws Exception {
        URI nobodyHome = URI.create("http://localhost:" + unusedPort());

        HubConnectionException failure = assertThrows(HubConnectionException.class, () -> identify(nobodyHome, PATIENT));

        assertEquals(Reason.HUB_UNREACHABLE, failure.reason());
        assertEquals("Cannot reach the hub at " + nobodyHome + ": Connection refused", failure.getMessage());
    }

    @Test
    void anUnknownHostNameIsUnreachable() {
        // .invalid is reserved (RFC 6761): no resolver may answer for it.
        URI noSuchHost = URI.create("https://hub.consortium.invalid");

        HubConnectionException failure = assertThrows(HubConnectionException.class, () -> identify(noSuchHost, PATIENT));

        assertEquals(Reason.HUB_UNREACHABLE, failure.reason());
        assertEquals("Cannot reach the hub at " + noSuchHost + ": unknown host hub.consortium.invalid",
                failure.getMessage());
    }

    @Test
    void aHubSlowerThanTheTimeoutIsUnreachable() {
        hubAnswersMe(okJson("{\"kind\":\"ADAPTER\",\"memberCode\":\"US-RVC\",\"apiKeyId\":\"key-0042\"}")
                .withFixedDelay(5_000));

        HubConnectionException failure = assertThrows(HubConnectionException.class,
                () -> identify(hubUrl, Duration.ofMillis(300)));

        assertEquals(Reason.HUB_UNREACHABLE, failure.reason());
        assertEquals("Cannot reach the hub at " + hubUrl + ": no answer within 300ms (adapter.hub.timeout)",
                failure.getMessage());
    }

    private AdapterIdentity identify(URI hub, Duration timeout) throws HubConnectionException {
        try (HubConnection connection = new HubConnection(new HubSettings(hub, API_KEY, timeout))) {
            return connection.identify();
        }
    }

    private void hubAnswersMe(ResponseDefinitionBuilder answer) {
        wiremock.register(get("/api/v1/me").willReturn(answer));
    }

    private static ResponseDefinitionBuilder problem(int status, String title, String detail) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
