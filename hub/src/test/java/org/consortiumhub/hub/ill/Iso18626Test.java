package org.consortiumhub.hub.ill;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.consortiumhub.hub.ill.IllFixtures.clusterOf;
import static org.consortiumhub.hub.ill.IllFixtures.holds;
import static org.consortiumhub.hub.ill.IllFixtures.library;
import static org.consortiumhub.hub.ill.IllFixtures.loanOf;
import static org.consortiumhub.hub.ill.IllFixtures.newIsbn;
import static org.consortiumhub.hub.ill.IllFixtures.policy;
import static org.consortiumhub.hub.ill.IllFixtures.request;
import static org.consortiumhub.hub.support.Hub.asAdmin;
import static org.consortiumhub.hub.support.Hub.withKey;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.consortiumhub.catalog.SharedData;
import org.consortiumhub.hub.ill.IllFixtures.Library;
import org.consortiumhub.ill.iso.IsoOutbox;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Members that are external ILL systems: the hub sends them requests and requesting-agency messages (a WireMock peer
 * receives them) and takes their ISO 18626 messages at {@code POST /iso18626}, answering each with its confirmation.
 */
@QuarkusTest
@ConnectWireMock
class Iso18626Test {

    static final String NS = "http://illtransactions.org/2013/iso18626";

    WireMock wiremock;

    @ConfigProperty(name = "quarkus.wiremock.devservices.port")
    int port;

    @Inject
    IsoOutbox outbox;

    @Inject
    Pool pool;

    @BeforeEach
    void freshPeer() {
        wiremock.resetMappings();
        wiremock.resetRequests();
    }

    static void assertValidIso(String xml) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.newSchema(SharedData.path("schemas/ISO-18626-v1_2.xsd").toFile()).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }

    static Response iso(String apiKey, String xml) {
        return withKey(apiKey).contentType("application/xml").body(xml).post("/iso18626");
    }

    static String header(String supplier, String requester, String requestId) {
        return "<header><supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>" + supplier
                + "</agencyIdValue></supplyingAgencyId><requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>"
                + requester + "</agencyIdValue></requestingAgencyId><multipleItemRequestId></multipleItemRequestId>"
                + "<timestamp>2026-11-21T09:00:00Z</timestamp><requestingAgencyRequestId>" + requestId
                + "</requestingAgencyRequestId></header>";
    }

    static String supplying(String supplier, String requester, long requestId, String reason, String status, String extra) {
        return "<ISO18626Message xmlns=\"" + NS + "\" xmlns:ill=\"" + NS + "\" ill:version=\"1.2\"><supplyingAgencyMessage>"
                + header(supplier, requester, String.valueOf(requestId)) + "<messageInfo><reasonForMessage>" + reason
                + "</reasonForMessage>" + extra + "</messageInfo><statusInfo><status>" + status
                + "</status><lastChange>2026-11-21T09:00:00Z</lastChange></statusInfo></supplyingAgencyMessage></ISO18626Message>";
    }

    static String requesting(String supplier, String requester, String requestId, String action) {
        return "<ISO18626Message xmlns=\"" + NS + "\" xmlns:ill=\"" + NS + "\" ill:version=\"1.2\"><requestingAgencyMessage>"
                + header(supplier, requester, requestId) + "<action>" + action + "</action></requestingAgencyMessage></ISO18626Message>";
    }

    static final String OK_CONFIRMATION = "<ISO18626Message xmlns=\"" + NS + "\" xmlns:ill=\"" + NS + "\" ill:version=\"1.2\">"
            + "<requestConfirmation><confirmationHeader><timestamp>2026-11-21T09:00:00Z</timestamp>"
            + "<timestampReceived>2026-11-21T09:00:00Z</timestampReceived><messageStatus>OK</messageStatus>"
            + "</confirmationHeader></requestConfirmation></ISO18626Message>";

    List<LoggedRequest> peerReceived(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            outbox.deliverDue().await().atMost(Duration.ofSeconds(15));
            return wiremock.find(postRequestedFor(urlEqualTo("/peer/iso"))).size() >= count;
        });
        return wiremock.find(postRequestedFor(urlEqualTo("/peer/iso")));
    }

    @Test
    void anExternalLenderGetsTheRequestAndAnswersInIso18626() throws Exception {
        wiremock.register(post(urlEqualTo("/peer/iso")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/xml").withBody(OK_CONFIRMATION)));
        Library borrower = library();
        Library peer = library();
        String isbn = newIsbn();
        String id = holds(peer, isbn, "Peer test " + isbn, true);
        policy(peer, Map.of("iso18626Address", "http://localhost:" + port + "/peer/iso"));
        policy(borrower);
        Response created = request(borrower, loanOf(clusterOf(peer, id), "P-1"));
        assertEquals(201, created.statusCode(), created.asString());
        long requestId = created.jsonPath().getLong("id");
        assertEquals(peer.code(), created.path("lenderCode"));

        String sent = peerReceived(1).get(0).getBodyAsString();
        assertValidIso(sent);
        assertTrue(sent.contains("<requestingAgencyRequestId>" + requestId + "</requestingAgencyRequestId>"), sent);
        assertTrue(sent.contains("<serviceType>Loan</serviceType>") && sent.contains("Peer test " + isbn), sent);

        // the peer answers through the hub's endpoint, with its own member's key
        Response will = iso(peer.apiKey(), supplying(peer.code(), borrower.code(), requestId, "RequestResponse", "WillSupply", ""));
        assertEquals(200, will.statusCode(), will.asString());
        assertTrue(will.asString().contains("<messageStatus>OK</messageStatus>"), will.asString());
        assertValidIso(will.asString());
        iso(peer.apiKey(), supplying(peer.code(), borrower.code(), requestId, "StatusChange", "Loaned", ""))
                .then().statusCode(200).body(containsString("<messageStatus>OK</messageStatus>"));
        Response shipped = borrower.staffCall().get("/api/v1/ill/requests/{id}", requestId);
        assertEquals("SHIPPED", shipped.path("state"));
        assertEquals("iso18626:" + peer.code(), shipped.path("timeline[3].actor"));

        // the borrower's staff act in the hub; the peer is told in a requesting-agency message
        borrower.act(requestId, Map.of("action", "received", "note", "arrived")).then().statusCode(200);
        List<LoggedRequest> messages = peerReceived(2);
        String received = messages.get(1).getBodyAsString();
        assertValidIso(received);
        assertTrue(received.contains("<action>Received</action>") && received.contains("<note>arrived</note>"), received);

        // an answer the state does not allow, and one for a request the peer does not lend
        Response notNow = iso(peer.apiKey(), supplying(peer.code(), borrower.code(), requestId, "StatusChange", "LoanCompleted", ""));
        assertTrue(notNow.asString().contains("<errorType>UnsupportedActionType</errorType>"), notNow.asString());
        assertValidIso(notNow.asString());
        Library other = library();
        Response notTheirs = iso(other.apiKey(), supplying(other.code(), borrower.code(), requestId, "StatusChange", "Loaned", ""));
        assertTrue(notTheirs.asString().contains("<errorType>UnrecognisedDataValue</errorType>"), notTheirs.asString());
        Response someoneElse = iso(other.apiKey(), supplying(peer.code(), borrower.code(), requestId, "StatusChange", "Loaned", ""));
        assertTrue(someoneElse.asString().contains("is not the member whose key sent the message"), someoneElse.asString());
        assertEquals("RECEIVED", borrower.staffCall().get("/api/v1/ill/requests/{id}", requestId).path("state"));
    }

    @Test
    void anExternalBorrowersRequestBecomesAHubRequestOnceAndItsActionsApply() throws Exception {
        Library external = library();
        Library lender = library();
        policy(lender);
        String peerId = "ext-" + System.nanoTime();
        String request = "<request xmlns=\"" + NS + "\">" + header("HUB", external.code(), peerId)
                + "<bibliographicInfo><title>Journal of ISO tests</title><titleOfComponent>On confirmations</titleOfComponent>"
                + "<pagesRequested>1-9</pagesRequested></bibliographicInfo><serviceInfo><serviceType>Copy</serviceType>"
                + "<copyrightCompliance>US-CCG</copyrightCompliance></serviceInfo>"
                + "<patronInfo><patronId>PX-1</patronId><surname>Doe</surname></patronInfo></request>";
        Response answer = iso(external.apiKey(), request);
        assertEquals(200, answer.statusCode());
        assertTrue(answer.asString().contains("<messageStatus>OK</messageStatus>"), answer.asString());
        assertTrue(answer.asString().contains("<requestingAgencyRequestId>" + peerId + "</requestingAgencyRequestId>"));
        assertValidIso(answer.asString());
        // the same message again (a retry) makes no second request
        iso(external.apiKey(), request).then().body(containsString("<messageStatus>OK</messageStatus>"));
        Response queue = asAdmin().get("/api/v1/ill/requests?side=borrowing&member={m}", external.code());
        assertEquals(1, (int) queue.path("total"));
        assertEquals("COPY", queue.path("requests[0].serviceType"));
        assertEquals("SENT", queue.path("requests[0].state"));
        long id = queue.jsonPath().getLong("requests[0].id");

        iso(external.apiKey(), requesting("HUB", external.code(), peerId, "StatusRequest")).then()
                .body(containsString("<messageStatus>OK</messageStatus>"));
        Response cancel = iso(external.apiKey(), requesting("HUB", external.code(), peerId, "Cancel"));
        assertTrue(cancel.asString().contains("<action>Cancel</action>") && cancel.asString().contains("OK"), cancel.asString());
        assertValidIso(cancel.asString());
        assertEquals("CANCEL_REQUESTED", asAdmin().get("/api/v1/ill/requests/{id}", id).path("state"));
        Response unknown = iso(external.apiKey(), requesting("HUB", external.code(), "no-such-id", "Received"));
        assertTrue(unknown.asString().contains("<errorType>UnrecognisedDataValue</errorType>"), unknown.asString());
    }

    @Test
    void anExternalBorrowerHearsOfTheLendersStepsInSupplyingAgencyMessages() throws Exception {
        // the peer answers slowly, so the shipping's message is written while the will-supply one is still on its way:
        // it must not overtake it
        wiremock.register(post(urlEqualTo("/peer/iso")).willReturn(aResponse().withStatus(200).withFixedDelay(400)
                .withHeader("Content-Type", "application/xml").withBody(OK_CONFIRMATION)));
        Library external = library();
        Library lender = library();
        String isbn = newIsbn();
        holds(lender, isbn, "External borrower test " + isbn, true);
        policy(lender);
        policy(external, Map.of("lendsLoans", false, "lendsCopies", false,
                "iso18626Address", "http://localhost:" + port + "/peer/iso"));
        String peerId = "ext-" + System.nanoTime();
        String request = "<request xmlns=\"" + NS + "\">" + header("HUB", external.code(), peerId)
                + "<bibliographicInfo><title>External borrower test</title><bibliographicItemId>"
                + "<bibliographicItemIdentifier>" + isbn + "</bibliographicItemIdentifier>"
                + "<bibliographicItemIdentifierCode>ISBN</bibliographicItemIdentifierCode></bibliographicItemId>"
                + "</bibliographicInfo><serviceInfo><serviceType>Loan</serviceType></serviceInfo></request>";
        iso(external.apiKey(), request).then().body(containsString("<messageStatus>OK</messageStatus>"));
        Response queue = lender.staffCall().get("/api/v1/ill/requests?side=lending");
        assertEquals(1, (int) queue.path("total"), queue.asString());
        long id = queue.jsonPath().getLong("requests[0].id");
        assertEquals(external.code(), queue.path("requests[0].borrowerCode"));

        lender.act(id, "willSupply").then().statusCode(200);
        lender.act(id, "ship").then().statusCode(200);
        List<LoggedRequest> messages = peerReceived(2);
        String will = messages.get(0).getBodyAsString();
        String shipped = messages.get(1).getBodyAsString();
        assertValidIso(will);
        assertValidIso(shipped);
        assertTrue(will.contains("<status>WillSupply</status>") && will.contains("<requestingAgencyRequestId>" + peerId), will);
        assertTrue(shipped.contains("<status>Loaned</status>") && shipped.contains("<dueDate>"), shipped);

        // the external borrower confirms receipt in ISO 18626
        iso(external.apiKey(), requesting(lender.code(), external.code(), peerId, "Received")).then()
                .body(containsString("<messageStatus>OK</messageStatus>"));
        assertEquals("RECEIVED", lender.staffCall().get("/api/v1/ill/requests/{id}", id).path("state"));
    }

    @Test
    void badMessagesGetIsoErrorsNeverA500() throws Exception {
        Library peer = library();
        Response malformed = iso(peer.apiKey(), "<request><header>");
        assertEquals(200, malformed.statusCode());
        assertTrue(malformed.asString().contains("<errorType>BadlyFormedMessage</errorType>"), malformed.asString());
        assertValidIso(malformed.asString());
        Response xxe = iso(peer.apiKey(), "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<request xmlns=\"" + NS + "\">&x;</request>");
        assertTrue(xxe.asString().contains("BadlyFormedMessage") && !xxe.asString().contains("root:"), xxe.asString());
        Response status = iso(peer.apiKey(), supplying(peer.code(), "US-X", 1, "StatusChange", "Beamed", ""));
        assertTrue(status.asString().contains("<errorType>UnrecognisedDataValue</errorType>"), status.asString());
        assertTrue(status.asString().contains("<supplyingAgencyMessageConfirmation>"), status.asString());
        Response reason = iso(peer.apiKey(), supplying(peer.code(), "US-X", 1, "Gossip", "Loaned", ""));
        assertTrue(reason.asString().contains("UnsupportedReasonForMessageType"), reason.asString());
        Response notOurs = iso(peer.apiKey(), supplying(peer.code(), "US-X", 999_999_999L, "StatusChange", "Loaned", ""));
        assertTrue(notOurs.asString().contains("<errorType>UnrecognisedDataValue</errorType>"), notOurs.asString());
        Response action = iso(peer.apiKey(), requesting("HUB", peer.code(), "x", "ShippedForward"));
        assertTrue(action.asString().contains("UnsupportedActionType"), action.asString());
        // only members' systems, with their key, speak ISO 18626 to the hub
        peer.staffCall().contentType("application/xml").body("<request/>").post("/iso18626").then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/xml").body("<request/>").post("/iso18626").then().statusCode(401);
    }

    @Test
    void aPeerThatCannotBeReachedIsTriedAgainLater() {
        Library borrower = library();
        Library peer = library();
        String isbn = newIsbn();
        String id = holds(peer, isbn, "Unreachable test " + isbn, true);
        policy(peer, Map.of("iso18626Address", "http://127.0.0.1:9/iso"));
        long requestId = request(borrower, loanOf(clusterOf(peer, id), "P-9")).jsonPath().getLong("id");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            outbox.deliverDue().await().atMost(Duration.ofSeconds(15));
            var row = pool.preparedQuery("select attempts, sent_at, last_error from ill_iso_outbox where request_id = $1")
                    .execute(Tuple.of(requestId)).await().indefinitely().iterator().next();
            return row.getInteger("attempts") >= 1 && row.getValue("sent_at") == null && row.getString("last_error") != null;
        });
    }
}
