package org.consortiumhub.adapter.source.oaipmh;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.consortiumhub.adapter.http.RemoteServer;
import org.consortiumhub.adapter.source.CatalogSource;
import org.consortiumhub.adapter.source.CatalogSource.Position;
import org.consortiumhub.adapter.source.CollectingSink;
import org.consortiumhub.adapter.source.SourceChange;
import org.consortiumhub.adapter.source.SourceException;
import org.consortiumhub.catalog.SharedData;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The harvester against WireMock replaying real OAI-PMH answers (Stanford's POD with a deleted record, an Alma page of
 * 100 MARC records, Penn State's page with a broken record, and the protocol's error examples).
 */
@QuarkusTest
@ConnectWireMock
class OaiPmhSourceTest {

    private static final String TOKEN_1 = "MzM5OzE7Ozt2MS4w";
    private static final String TOKEN_2 = "fakeresumptiontoken";

    WireMock wiremock;

    @ConfigProperty(name = "quarkus.wiremock.devservices.port")
    int port;

    @BeforeEach
    void freshServer() {
        wiremock.resetMappings();
        wiremock.resetRequests();
        wiremock.resetScenarios();
        answer(verb("Identify"), ok(fixture("infrae_pyoai/fake1/00001.xml")));
    }

    @Test
    void pagesThroughResumptionTokensAndSendsDeletesAsWithdrawals() throws Exception {
        stubThreePages();

        CollectingSink sink = new CollectingSink();
        CatalogSource.SourceRun run = source(Duration.ofSeconds(5), 3).read(Position.FIRST_RUN, sink);

        // page 1: 1 deleted + 3 records; page 2: 100 Alma records; page 3: the same 100 again as the last page
        assertEquals(204, sink.changes.size());
        assertEquals(new SourceChange.Removal("998212783503681"), sink.changes.get(0));
        SourceChange.Upsert first = (SourceChange.Upsert) sink.changes.get(1);
        assertEquals("9977919382003681", first.localId());
        assertEquals("9977919382003681", first.record().controlNumber());
        assertEquals(2, sink.resumePoints.size(), "a place to resume after each page but the last");
        assertTrue(sink.resumePoints.get(0).contains(TOKEN_1));
        assertTrue(sink.resumePoints.get(1).contains(TOKEN_2));
        // Identify declares seconds granularity: the next harvest starts at the first page's responseDate
        assertEquals("2022-06-09T09:54:45Z", run.completed());
        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo("/oai")).withQueryParam("verb", equalTo("ListRecords"))
                .withQueryParam("metadataPrefix", equalTo("marc21")).withQueryParam("from", absent()));
    }

    @Test
    void harvestsIncrementallyFromTheLastCompleteHarvest() throws Exception {
        stubThreePages();

        source(Duration.ofSeconds(5), 3).read(new Position("2022-06-01T00:00:00Z", null), new CollectingSink());

        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo("/oai")).withQueryParam("verb", equalTo("ListRecords"))
                .withQueryParam("from", equalTo("2022-06-01T00:00:00Z")));
    }

    @Test
    void resumesAnInterruptedHarvestWithItsToken() throws Exception {
        stubThreePages();
        String cursor = new OaiPmhSource.Cursor("2022-06-01", TOKEN_2, "2022-06-09T09:54:45Z").toString();

        CollectingSink sink = new CollectingSink();
        CatalogSource.SourceRun run = source(Duration.ofSeconds(5), 3).read(new Position("2022-06-01", cursor), sink);

        assertEquals(100, sink.changes.size(), "only the last page is read again");
        assertEquals("2022-06-09T09:54:45Z", run.completed(), "the interrupted harvest's start still counts");
        wiremock.verifyThat(0, getRequestedFor(urlPathEqualTo("/oai")).withQueryParam("resumptionToken", absent())
                .withQueryParam("verb", equalTo("ListRecords")));
    }

    @Test
    void noRecordsMatchMeansNothingNew() throws Exception {
        answer(verb("ListRecords"), ok(fixture("folio_mod-reservoir/oai-response-2.xml")));

        CollectingSink sink = new CollectingSink();
        CatalogSource.SourceRun run = source(Duration.ofSeconds(5), 3).read(new Position("2022-06-01", null), sink);

        assertTrue(sink.changes.isEmpty());
        assertEquals("2022-06-01", run.completed(), "the next harvest starts from the same date");
    }

    @Test
    void anExpiredTokenRestartsTheHarvestFromItsFromDate() throws Exception {
        answer(verb("ListRecords").withQueryParam("resumptionToken", equalTo("expired-while-stopped")),
                ok(fixture("sickle_spec_examples/badResumptionToken.xml")));
        answer(verb("ListRecords").withQueryParam("resumptionToken", absent()),
                ok(lastPage(fixture("vufindharvest/marc.xml"))));
        String cursor = new OaiPmhSource.Cursor("2022-06-01", "expired-while-stopped", "2022-06-09T00:00:00Z").toString();

        CollectingSink sink = new CollectingSink();
        CatalogSource.SourceRun run = source(Duration.ofSeconds(5), 3).read(new Position("2022-06-01", cursor), sink);

        assertEquals(100, sink.changes.size());
        wiremock.verifyThat(1, getRequestedFor(urlPathEqualTo("/oai")).withQueryParam("from", equalTo("2022-06-01"))
                .withQueryParam("resumptionToken", absent()).withQueryParam("verb", equalTo("ListRecords")));
        assertEquals("2016-06-01T07:57:34Z", run.completed(), "the restarted harvest's own start counts");
    }

    @Test
    void anUnknownPrefixIsNamedWithWhatTheServerOffers() {
        answer(verb("ListRecords"), ok(fixture("sickle_spec_examples/cannotDisseminateFormat.xml")));
        answer(verb("ListMetadataFormats"), ok(fixture("infrae_pyoai/fake1/00002.xml")));

        SourceException failure = assertThrows(SourceException.class,
                () -> source(Duration.ofSeconds(5), 3).read(Position.FIRST_RUN, new CollectingSink()));

        assertTrue(failure.getMessage().startsWith("The OAI-PMH server does not offer metadata prefix 'marc21' "
                + "(it offers: oai_dc"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("set adapter.oai.metadata-prefix to its MARC format."));
    }

    @Test
    void everyOtherProtocolErrorIsReportedWithItsCode() {
        for (String error : List.of("badArgument", "badVerb", "idDoesNotExist", "noSetHierarchy", "noMetadataFormats")) {
            wiremock.resetMappings();
            answer(verb("Identify"), ok(fixture("infrae_pyoai/fake1/00001.xml")));
            answer(verb("ListRecords"), ok(oaiError(error, "as the server explains it")));

            SourceException failure = assertThrows(SourceException.class,
                    () -> source(Duration.ofSeconds(5), 1).read(Position.FIRST_RUN, new CollectingSink()));

            assertTrue(failure.getMessage().contains(error.equals("noSetHierarchy") ? "has no sets" : error),
                    error + ": " + failure.getMessage());
        }
    }

    @Test
    void aServerErrorIsRetriedWithPauses() throws Exception {
        answer(verb("ListRecords").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("one"),
                aResponse().withStatus(500).withBody("Internal Server Error"));
        answer(verb("ListRecords").inScenario("flaky").whenScenarioStateIs("one").willSetStateTo("two"),
                aResponse().withStatus(502));
        answer(verb("ListRecords").inScenario("flaky").whenScenarioStateIs("two"),
                ok(lastPage(fixture("vufindharvest/marc.xml"))));

        CollectingSink sink = new CollectingSink();
        source(Duration.ofSeconds(5), 3).read(Position.FIRST_RUN, sink);

        assertEquals(100, sink.changes.size());
        wiremock.verifyThat(3, getRequestedFor(urlPathEqualTo("/oai")).withQueryParam("verb", equalTo("ListRecords")));
    }

    @Test
    void a503WaitsAsLongAsRetryAfterAsks() throws Exception {
        answer(verb("ListRecords").inScenario("busy").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("free"),
                aResponse().withStatus(503).withHeader("Retry-After", "2"));
        answer(verb("ListRecords").inScenario("busy").whenScenarioStateIs("free"),
                ok(lastPage(fixture("vufindharvest/marc.xml"))));

        long started = System.nanoTime();
        source(Duration.ofSeconds(5), 3).read(Position.FIRST_RUN, new CollectingSink());
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(waitedMillis >= 2000, "waited only " + waitedMillis + " ms, the server asked for 2 s");
    }

    @Test
    void aResetConnectionIsRetried() throws Exception {
        answer(verb("ListRecords").inScenario("reset").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        answer(verb("ListRecords").inScenario("reset").whenScenarioStateIs("ok"),
                ok(lastPage(fixture("vufindharvest/marc.xml"))));

        CollectingSink sink = new CollectingSink();
        source(Duration.ofSeconds(5), 3).read(Position.FIRST_RUN, sink);

        assertEquals(100, sink.changes.size());
    }

    @Test
    void aServerThatKeepsResettingIsReportedAfterTheLastAttempt() {
        answer(verb("ListRecords"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        SourceException failure = assertThrows(SourceException.class,
                () -> source(Duration.ofSeconds(5), 3).read(Position.FIRST_RUN, new CollectingSink()));

        assertTrue(failure.getMessage().startsWith("The connection to the OAI-PMH server at http://localhost:" + port
                + " failed ("), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("(gave up after 3 attempts)."), failure.getMessage());
    }

    @Test
    void aSlowServerTimesOut() {
        answer(verb("ListRecords"), ok(lastPage(fixture("vufindharvest/marc.xml"))).withFixedDelay(3000));

        SourceException failure = assertThrows(SourceException.class,
                () -> source(Duration.ofMillis(500), 2).read(Position.FIRST_RUN, new CollectingSink()));

        assertEquals("The OAI-PMH server at http://localhost:" + port + " did not answer within 500ms "
                + "(gave up after 2 attempts).", failure.getMessage());
    }

    @Test
    void aPageCutShortIsAskedForAgainThenReported() {
        byte[] page = fixture("vufindharvest/marc.xml");
        answer(verb("ListRecords"), ok(Arrays.copyOf(page, page.length / 2)));

        SourceException failure = assertThrows(SourceException.class,
                () -> source(Duration.ofSeconds(5), 3).read(Position.FIRST_RUN, new CollectingSink()));

        assertTrue(failure.getMessage().contains("sent a page of records that cannot be read: the answer is not "
                + "well-formed XML at line"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("the next run resumes from this page."));
        wiremock.verifyThat(3, getRequestedFor(urlPathEqualTo("/oai")).withQueryParam("verb", equalTo("ListRecords")));
    }

    @Test
    void recordsWithoutA001TakeTheirIdFromTheOaiIdentifier() throws Exception {
        // Penn State's real Symphony page: no record has a 001; the record number is in the OAI identifier
        answer(verb("ListRecords"), ok(lastPage(fixture("folio_mod-reservoir/pennstate-bad-rec-20221216.xml"))));

        CollectingSink sink = new CollectingSink();
        source(Duration.ofSeconds(10), 1).read(Position.FIRST_RUN, sink);

        SourceChange.Upsert first = sink.of(SourceChange.Upsert.class).get(0);
        assertEquals("1815830", first.localId());
        assertEquals("1815830", first.record().controlNumber());
        assertEquals(300, sink.changes.size());
    }

    @Test
    void aPageThatIsNotWellFormedIsReportedWithWhereItBreaks() {
        // mod-reservoir's real page whose markup is broken (an element left open)
        answer(verb("ListRecords"), ok(fixture("folio_mod-reservoir/oai-response-5.xml")));

        SourceException failure = assertThrows(SourceException.class,
                () -> source(Duration.ofSeconds(5), 2).read(Position.FIRST_RUN, new CollectingSink()));

        assertTrue(failure.getMessage().contains("not well-formed XML at line 24, column 11"), failure.getMessage());
    }

    @Test
    void aMalformedRecordIsReportedAndTheOthersGoThrough() throws Exception {
        String page = new String(lastPage(fixture("vufindharvest/marc.xml")), StandardCharsets.UTF_8);
        page = page.replaceFirst("tag=\"245\"", "tag=\"TITLE\"");
        answer(verb("ListRecords"), ok(page.getBytes(StandardCharsets.UTF_8)));

        CollectingSink sink = new CollectingSink();
        source(Duration.ofSeconds(10), 1).read(Position.FIRST_RUN, sink);

        List<SourceChange.Malformed> bad = sink.of(SourceChange.Malformed.class);
        assertEquals(1, bad.size());
        assertEquals("OAI-PMH record oai:urm_publish:9925821506101791", bad.get(0).where());
        assertEquals("a data field has the tag 'TITLE', which is not a MARC tag", bad.get(0).reason());
        assertEquals(99, sink.of(SourceChange.Upsert.class).size(), "the page's other records go through");
    }

    @Test
    void aRecordWithABrokenEncodingIsReportedAlone() throws Exception {
        String page = new String(lastPage(fixture("vufindharvest/marc.xml")), StandardCharsets.UTF_8);
        int title = page.indexOf("tag=\"245\"");
        byte[] before = page.substring(0, title).getBytes(StandardCharsets.UTF_8);
        byte[] after = page.substring(title).getBytes(StandardCharsets.UTF_8);
        // a Latin-1 é (0xE9) in the middle of UTF-8 text: what a misconfigured export produces
        byte[] broken = new byte[before.length + after.length];
        System.arraycopy(before, 0, broken, 0, before.length);
        System.arraycopy(after, 0, broken, before.length, after.length);
        int subfield = before.length + new String(after, StandardCharsets.UTF_8).indexOf("<subfield code=\"a\">") + 19;
        broken[subfield] = (byte) 0xE9;
        answer(verb("ListRecords"), ok(broken));

        CollectingSink sink = new CollectingSink();
        source(Duration.ofSeconds(5), 1).read(Position.FIRST_RUN, sink);

        List<SourceChange.Malformed> bad = sink.of(SourceChange.Malformed.class);
        assertEquals(1, bad.size());
        assertTrue(bad.get(0).reason().startsWith("its text has bytes that are not valid UTF-8 (or characters XML does "
                + "not allow) in field 245"), bad.get(0).reason());
        assertEquals(99, sink.of(SourceChange.Upsert.class).size());
    }

    @Test
    void metadataThatIsNotMarcIsExplained() throws Exception {
        answer(verb("ListRecords"), ok(lastPage(fixture("infrae_pyoai/fake1/00005.xml"))));

        CollectingSink sink = new CollectingSink();
        source(Duration.ofSeconds(5), 1).read(Position.FIRST_RUN, sink);

        List<SourceChange.Malformed> bad = sink.of(SourceChange.Malformed.class);
        assertTrue(!bad.isEmpty());
        assertTrue(bad.get(0).reason().startsWith("its metadata is <dc>, not a MARC 21 record"), bad.get(0).reason());
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String attack = """
                <?xml version="1.0"?>
                <!DOCTYPE OAI-PMH [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>&secret;</responseDate>
                <ListRecords></ListRecords></OAI-PMH>""";
        answer(verb("ListRecords"), ok(attack.getBytes(StandardCharsets.UTF_8)));

        SourceException failure = assertThrows(SourceException.class,
                () -> source(Duration.ofSeconds(5), 1).read(Position.FIRST_RUN, new CollectingSink()));

        assertTrue(failure.getMessage().contains("not well-formed XML"), failure.getMessage());
        assertTrue(!failure.getMessage().contains("root:"), "nothing of the file is read");
    }

    @Test
    void aServerThatIsNotOaiPmhIsCalledOut() {
        wiremock.resetMappings();
        answer(verb("Identify"), ok("<html><body>Library website</body></html>".getBytes(StandardCharsets.UTF_8)));

        SourceException failure = assertThrows(SourceException.class,
                () -> source(Duration.ofSeconds(5), 1).read(Position.FIRST_RUN, new CollectingSink()));

        assertTrue(failure.getMessage().contains("did not answer Identify as an OAI-PMH server"), failure.getMessage());
        assertTrue(failure.getMessage().contains("check adapter.oai.url"), failure.getMessage());
    }

    private void stubThreePages() {
        answer(verb("ListRecords").withQueryParam("resumptionToken", absent()),
                ok(fixture("folio_mod-reservoir/oai-response-1.xml")));
        answer(verb("ListRecords").withQueryParam("resumptionToken", equalTo(TOKEN_1)),
                ok(fixture("vufindharvest/marc.xml")));
        answer(verb("ListRecords").withQueryParam("resumptionToken", equalTo(TOKEN_2)),
                ok(lastPage(fixture("vufindharvest/marc.xml"))));
    }

    private OaiPmhSource source(Duration timeout, int attempts) {
        return new OaiPmhSource(new OaiPmhSettings(URI.create("http://localhost:" + port + "/oai"), "marc21",
                Optional.empty(), new RemoteServer.Retrying(timeout, attempts, Duration.ofMillis(20), Duration.ofMillis(100))));
    }

    private static MappingBuilder verb(String verb) {
        return get(urlPathEqualTo("/oai")).withQueryParam("verb", equalTo(verb));
    }

    private void answer(MappingBuilder request, ResponseDefinitionBuilder response) {
        wiremock.register(request.willReturn(response));
    }

    private static ResponseDefinitionBuilder ok(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=UTF-8").withBody(body);
    }

    static byte[] fixture(String name) {
        return SharedData.bytes("oai-pmh/" + name);
    }

    /** The page as the last of a list: its resumption token emptied, as servers mark the end. */
    static byte[] lastPage(byte[] page) {
        String text = new String(page, StandardCharsets.UTF_8);
        return text.replaceAll("<resumptionToken[^>]*>[^<]*</resumptionToken>", "<resumptionToken/>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] oaiError(String code, String text) {
        return ("<?xml version=\"1.0\"?><OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
                + "<responseDate>2024-01-01T00:00:00Z</responseDate><request>http://x/oai</request>"
                + "<error code=\"" + code + "\">" + text + "</error></OAI-PMH>").getBytes(StandardCharsets.UTF_8);
    }
}
