package org.consortiumhub.catalog.holdings;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.consortiumhub.catalog.SharedData.bytes;
import static org.consortiumhub.catalog.SharedData.readAll;
import static org.consortiumhub.catalog.SharedData.records;
import static org.consortiumhub.catalog.holdings.ItemStatus.AVAILABLE;
import static org.consortiumhub.catalog.holdings.ItemStatus.CHECKED_OUT;
import static org.consortiumhub.catalog.holdings.ItemStatus.UNAVAILABLE;
import static org.consortiumhub.catalog.holdings.ItemStatus.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.ReadRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HoldingsExtractorTest {

    private static Map<String, MarcRecord> alma;

    @BeforeAll
    static void readTheAlmaExport() {
        alma = records("marc/holdings/alma-austria-with-items.xml.gz").stream()
                .collect(Collectors.toMap(MarcRecord::controlNumber, Function.identity()));
    }

    @Test
    void almaItemFieldsGiveOneHoldingPerItem() {
        assertEquals(List.of(new Holding("YWOAW", "VZA3", "6555-C", "+YW22811005", null, "BOOK", AVAILABLE, "1", true,
                null)), holdings(alma.get("990003317080504498")));
        // base status 0: the item is not in place
        assertEquals(List.of(new Holding("YWOAW", "VZA3", "26752-MF", "@YW000002207", null, "BOOK", UNAVAILABLE, "0",
                true, null)), holdings(alma.get("993452509904498")));
    }

    @Test
    void almaHoldingsNotesDecideWhetherASerialLends() {
        // 866 $z "Nicht entlehnbar": not lendable; the summary comes from the other 866 of the same holding
        List<Holding> notLent = holdings(alma.get("993424910404498"));
        assertEquals(new Holding("YWOAW", "VZA3", "Akad.393-C L-Akad.393-C", "+YW22627504", "2016", "ISSUE",
                AVAILABLE, "1", false, "2014; 2016; 2019"), notLent.get(0));
        assertEquals(List.of(false, false, false), notLent.stream().map(Holding::lendable).toList());
        // "eingeschränkt entlehnbar", restricted lending, still lends
        List<Holding> restricted = holdings(alma.get("993412309904498"));
        assertEquals(3, restricted.size());
        assertEquals(new Holding("YWOAW", "VZA3", "80012/1", "1000-1844", "2020 3", "BOOK", AVAILABLE, "1", true,
                "1.2018-"), restricted.get(0));
    }

    @Test
    void everyAlmaItemAndEveryHoldingWithoutItemsIsCounted() {
        // counted apart with a script over the XML: 13,150 ITM fields, and 153 852 fields that no ITM $9 names
        assertEquals(13_303, alma.values().stream().mapToInt(r -> holdings(r).size()).sum());
    }

    @Test
    void evergreenHoldingsRecordsGiveLocationCallNumberAndSummary() {
        List<MarcRecord> bibs = records("marc/holdings/evergreen-mfhd/serials_marc21.xml");
        List<MarcRecord> mfhds = records("marc/holdings/evergreen-mfhd/serials_mfhd.xml");
        // Evergreen's test set links a bib to its holdings records by the bib's 901 $a, their 001
        Function<String, List<Holding>> holdingsOf = id -> HoldingsExtractor.of(
                bibs.stream().filter(b -> id.equals(b.first("901", 'a'))).findFirst().orElseThrow(),
                mfhds.stream().filter(m -> id.equals(m.controlNumber())).toList());

        assertEquals(List.of(new Holding("DESMARAIS", "DESM-PER", "HD 9698 C2 A314 Per.", null, null, null, UNKNOWN,
                null, true, "2000/2001 - 2003/2004")), holdingsOf.apply("a814871"));
        assertEquals(List.of(new Holding("HRSRH", "HRSRHL-PER", null, null, null, null, UNKNOWN, null, true, null)),
                holdingsOf.apply("a814607"));
    }

    @Test
    void recapSharedCollectionItemsCarryVolumeAndAvailability() {
        MarcRecord record = records("marc583/princeton-recap/several_records.xml").stream()
                .filter(r -> "SCSB-9956151".equals(r.controlNumber())).findFirst().orElseThrow();

        List<Holding> holdings = holdings(record);

        assertEquals(List.of("v.4", "v.3", "v.1", "v.2"), holdings.stream().map(Holding::enumeration).toList());
        assertEquals(new Holding("scsbhl", "HD", "EGY 968 ABU35 2007", "32044097247761", "v.4", null, AVAILABLE,
                "Available", true, "v.1-v.4"), holdings.get(0));
    }

    @Test
    void recapInLibraryUseItemsDoNotLend() {
        MarcRecord record = records("marc583/princeton-recap/scsb_leaderd.xml").get(0);

        List<Holding> holdings = holdings(record);

        assertEquals(147, holdings.size());
        assertEquals(new Holding("scsbcul", null, "FN 620", "CU14199726", "v.1-3 (1930:Feb.-1931:June)", null,
                AVAILABLE, "Available", false, "Microfilm. Ann Arbor, Mich. : University Microfilms International."
                + "    microfilm reels ; 35 mm. v.1 (1930)-v.171/172 (2015:Jan./Dec.)"), holdings.get(0));
        // the 14 items of the second holding have a blank use restriction
        assertEquals(14, holdings.stream().filter(Holding::lendable).count());
        assertEquals(List.of("2006-2019"), holdings.stream().filter(Holding::lendable).map(Holding::summary)
                .distinct().toList());
    }

    @Test
    void princetonAlmaItemsReadBaseStatusAndProcessType() {
        MarcRecord record = records("marc583/princeton-recap/marc_to_solr_fixtures/99122643653506421.mrx").get(0);

        List<Holding> holdings = holdings(record);

        assertEquals(6, holdings.size());
        assertEquals(new Holding("lewis", "stacks", "HQ767.9 .S534 2020", "32101092796752", null, null, AVAILABLE,
                "1", true, null), holdings.get(0));
        assertEquals(new Holding("lewis", "stacks", "HQ767.9 .S534 2020", "32101092796398", null, null, UNAVAILABLE,
                "0; WORK_ORDER_DEPARTMENT", true, null), holdings.get(1));
    }

    @Test
    void kohaItemsFromARealSruResponse() {
        assertEquals(List.of(new Holding("CHATHAM", "CIRC2", "580.1 G733v", "31437000069572", null, "BOOK",
                CHECKED_OUT, "due $q 2023-03-12", true, null)),
                holdings(sruRecord("sru/koha-chatham_checked_out.xml")));
        assertEquals(List.of(new Holding("CHATHAM", "CIRC2", "580.1 G733v", "31437000069572", null, "BOOK",
                AVAILABLE, null, true, null)), holdings(sruRecord("sru/koha-chatham.xml")));
    }

    @Test
    void evergreenMigratedItemFields() {
        MarcRecord first = records("marc/eg_jazz_1k.mrc").get(0);

        assertEquals(List.of(new Holding("HUNTINGTON", "HUNT-AUDIO", "5490", "30007007467409", null, "SOUND",
                UNKNOWN, null, true, null)), holdings(first));
    }

    @ParameterizedTest
    @CsvSource({
        // Evergreen, Polaris and Sierra SRU responses, ReCAP, Alma process types
        "Checked out, CHECKED_OUT",
        "In transit, IN_TRANSIT",
        "Available, AVAILABLE",
        "Held, ON_HOLD",
        "In, AVAILABLE",
        "Not Available, UNAVAILABLE",
        "DUE 01-11-23, CHECKED_OUT",
        "LOST_LOAN, MISSING",
        "TRANSIT_TO_REMOTE_STORAGE, IN_TRANSIT",
        "HOLDSHELF, ON_HOLD",
        "WORK_ORDER_DEPARTMENT, UNAVAILABLE",
        "In Library Use, NOT_REQUESTABLE",
        "Not for loan, NOT_REQUESTABLE",
        "Claims returned, MISSING",
        "on the moon, UNKNOWN",
    })
    void statusWording(String text, ItemStatus status) {
        assertEquals(status, ItemStatus.fromText(text));
    }

    private static List<Holding> holdings(MarcRecord bib) {
        return HoldingsExtractor.of(bib, List.of());
    }

    /** The MARCXML record inside an SRU response, read with the hub's reader. */
    private static MarcRecord sruRecord(String file) {
        String response = new String(bytes(file), UTF_8);
        String record = response.substring(response.indexOf("<record "), response.indexOf("</record>") + 9);
        return ((ReadRecord) readAll(record.getBytes(UTF_8)).get(0)).record();
    }
}
