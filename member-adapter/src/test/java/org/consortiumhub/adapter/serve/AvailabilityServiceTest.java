package org.consortiumhub.adapter.serve;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.consortiumhub.adapter.availability.sru.SruAvailability;
import org.consortiumhub.adapter.availability.sru.SruSettings;
import org.consortiumhub.adapter.http.RemoteServer;
import org.consortiumhub.catalog.SharedData;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The availability contract (api-spec/openapi/availability-api.yaml) as the hub sees it: the adapter's HTTP side in
 * front of WireMock replaying real SRU answers.
 */
@QuarkusTest
@ConnectWireMock
class AvailabilityServiceTest {

    private static final String SECRET = "shared-secret-of-the-hub";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    WireMock wiremock;

    @ConfigProperty(name = "quarkus.wiremock.devservices.port")
    int port;

    private AdapterServer server;

    @BeforeEach
    void start() throws Exception {
        wiremock.resetMappings();
        SruAvailability sru = new SruAvailability(new SruSettings(URI.create("http://localhost:" + port + "/sru"),
                "@attr 1=12 {value}", "@attr 1=7 {value}", Optional.of("pqf"), Optional.empty(),
                new RemoteServer.Retrying(Duration.ofSeconds(2), 2, Duration.ofMillis(10), Duration.ofMillis(20))));
        server = new AdapterServer(0, "US-XYZ", Optional.of(sru), Optional.of(SECRET),
                () -> new AdapterServer.Health(true, Map.of("lastSync", "ok")),
                Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersWithTheItemsOfTheRecord() throws Exception {
        sru("@attr 1=12 15112677", SharedData.bytes("sru/folio-not-requestable.xml"));

        HttpResponse<String> response = ask("/availability?localId=15112677", SECRET);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("US-XYZ", body.get("memberCode").asText());
        assertEquals("2026-11-21T08:00:00Z", body.get("checkedAt").asText());
        assertEquals(2, body.get("items").size());
        JsonNode first = body.get("items").get(0);
        assertEquals("15112677", first.get("localId").asText());
        assertEquals("31924128478918", first.get("barcode").asText());
        assertEquals("Olin Reserve", first.get("location").asText());
        assertEquals("CB19 .G69 2021", first.get("callNumber").asText());
        assertEquals("NOT_REQUESTABLE", first.get("status").asText());
        assertTrue(first.get("dueDate").isNull());
    }

    @Test
    void findsByIsbnWithTheIsbnQuery() throws Exception {
        sru("@attr 1=7 9781498510592", SharedData.bytes("sru/koha-chatham_checked_out.xml"));

        HttpResponse<String> response = ask("/availability?isbn=978-1-4985-1059-2", SECRET);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode item = JSON.readTree(response.body()).get("items").get(0);
        assertEquals("CHECKED_OUT", item.get("status").asText());
        assertEquals("2023-03-12", item.get("dueDate").asText());
    }

    @Test
    void anUnknownRecordIsA404Problem() throws Exception {
        sru("@attr 1=12 nope", SharedData.bytes("sru/alma-princeton-notfound.xml"));

        HttpResponse<String> response = ask("/availability?localId=nope", SECRET);

        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("The member's catalog has no record with local id nope.",
                JSON.readTree(response.body()).get("detail").asText());
    }

    @Test
    void aFailingSruServerIsA502Problem() throws Exception {
        wiremock.register(get(urlPathEqualTo("/sru")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        HttpResponse<String> response = ask("/availability?localId=1", SECRET);

        assertEquals(502, response.statusCode());
        assertTrue(JSON.readTree(response.body()).get("detail").asText().startsWith("The member's SRU server failed"));
    }

    @Test
    void anSruDiagnosticIsA502Problem() throws Exception {
        sru("@attr 1=12 1", """
                <?xml version="1.0"?><zs:searchRetrieveResponse xmlns:zs="http://docs.oasis-open.org/ns/search-ws/sruResponse">
                <zs:numberOfRecords>0</zs:numberOfRecords><zs:diagnostics><diag:diagnostic xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic">
                <diag:uri>info:srw/diagnostic/1/16</diag:uri><diag:details>1=12</diag:details><diag:message>Unsupported index</diag:message>
                </diag:diagnostic></zs:diagnostics></zs:searchRetrieveResponse>""".getBytes());

        HttpResponse<String> response = ask("/availability?localId=1", SECRET);

        assertEquals(502, response.statusCode());
        assertEquals("The member's SRU server reported: Unsupported index (1=12) [info:srw/diagnostic/1/16]",
                JSON.readTree(response.body()).get("detail").asText());
    }

    @Test
    void withoutTheSharedSecretNothingIsAnswered() throws Exception {
        assertEquals(401, ask("/availability?localId=1", null).statusCode());
        assertEquals(401, ask("/availability?localId=1", "not-the-secret").statusCode());
        wiremock.verifyThat(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/sru")));
    }

    @Test
    void exactlyOneOfLocalIdAndIsbn() throws Exception {
        assertEquals(400, ask("/availability", SECRET).statusCode());
        assertEquals(400, ask("/availability?localId=1&isbn=2", SECRET).statusCode());
    }

    @Test
    void healthSaysUp() throws Exception {
        HttpResponse<String> response = ask("/health", null);

        assertEquals(200, response.statusCode());
        assertEquals("UP", JSON.readTree(response.body()).get("status").asText());
    }

    private void sru(String query, byte[] answer) {
        wiremock.register(get(urlPathEqualTo("/sru")).withQueryParam("query", equalTo(query))
                .withQueryParam("operation", equalTo("searchRetrieve")).withQueryParam("queryType", equalTo("pqf"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(answer)));
    }

    private HttpResponse<String> ask(String path, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
