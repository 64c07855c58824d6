package org.consortiumhub.hub.procurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.consortiumhub.catalog.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.json.JsonObject;

/** The title-list and usage-report readers on the real KBART lists and COUNTER R5 reports in the shared data. */
class RealTitleListsAndUsageReadersTest {

    @ParameterizedTest
    @ValueSource(strings = { "kbart/gokb/journals.cambridge.org_AllTitles_2015-07-14.txt",
            "kbart/gokb/journals.cambridge.org_2011_Cambridge_Journals_NESLI2_Full_Package_2013-01-01.txt",
            "kbart/gokb/ScienceDirectStandard_Global_EBook-AgriculturalAndBiologicalSciencesPre-2007_2016-05-23.txt",
            "kbart/gokb/CambridgeBooks_EdinburghUniversityPress_utf8.tsv", "kbart/gokb/AnnualReviews_SciencesCollection34_2011-04-27.txt",
            "kbart/folio_mod-agreements/Testdata_KBART_AnnualReviews.tsv" })
    void everyRealKbartListReadsWithItsIdentifiers(String file) {
        String text = new String(SharedData.bytes(file), StandardCharsets.UTF_8);
        List<KbartTitleList.Title> titles = KbartTitleList.read(text);
        long lines = text.lines().filter(l -> !l.replace("\t", "").isBlank()).count();
        assertEquals(lines - 1, titles.size(), file + ": one title a line after the header");
        long identified = titles.stream().filter(t -> TitleIdentifier.parse(t.printIdentifier()) != null
                || TitleIdentifier.parse(t.onlineIdentifier()) != null).count();
        assertTrue(identified > 0, file + ": some titles carry an ISSN or ISBN");
    }

    @Test
    void aListWhoseTitlesHaveNoStandardIdentifiersStillReads() {
        // Brill's database list: its online_identifier values are URIs, not ISSNs; such titles stay unmatched.
        List<KbartTitleList.Title> titles = KbartTitleList.read(new String(SharedData.bytes("kbart/gokb/Brill-DAC.tsv"),
                StandardCharsets.UTF_8));
        assertEquals("Classic Mexican Cinema Online", titles.get(0).title());
        assertEquals("uri://brill.com/mco", titles.get(0).onlineIdentifier());
        assertEquals(null, TitleIdentifier.parse(titles.get(0).onlineIdentifier()));
    }

    @Test
    void aLargeKbartListWithExtraColumnsReads() throws IOException {
        byte[] gz = SharedData.bytes("kbart/miku_span/kbart_with_ILL_columns.txt.gz");
        String text;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<KbartTitleList.Title> titles = KbartTitleList.read(text);
        assertTrue(titles.size() > 70_000, "" + titles.size());
        assertEquals("0006-2499", TitleIdentifier.parse(titles.get(0).printIdentifier()).value());
    }

    @Test
    void listsThatAreNotKbartAreRefusedSayingWhy() {
        var muse = assertThrows(KbartTitleList.UnreadableListException.class, () -> KbartTitleList.read(
                new String(SharedData.bytes("kbart/gokb/project_muse_alltitles.tsv"), StandardCharsets.ISO_8859_1)));
        assertTrue(muse.getMessage().contains("no publication_title column"), muse.getMessage());
        var wiley = assertThrows(KbartTitleList.UnreadableListException.class, () -> KbartTitleList.read(
                new String(SharedData.bytes("kbart/gokb/wiley_Full_Collection_2012_2014_Nesli2.csv"), StandardCharsets.UTF_8)));
        assertTrue(wiley.getMessage().startsWith("line 1:"), wiley.getMessage());
        assertThrows(KbartTitleList.UnreadableListException.class, () -> KbartTitleList.read("publication_title\tprint_identifier\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "counter/folio_mod-erm-usage-counter/c5/converter_tr_tr_j1.json",
            "counter/folio_mod-erm-usage-counter/c5/converter_tr_tr_j3.json", "counter/folio_mod-erm-usage-counter/c5/converter_tr_tr_j4.json",
            "counter/folio_mod-erm-usage-counter/c5/converter_tr_tr_b1.json", "counter/folio_mod-erm-usage-counter/c5/converter_tr_tr_b3.json",
            "counter/folio_mod-erm-usage-counter/c5/converter_tr_tr.json", "counter/folio_mod-erm-usage-counter/c5/reports_full_tr.json",
            "counter/folio_mod-erm-usage-counter/c5/hwire_trj1.json", "counter/folio_mod-erm-usage-counter/c5/wiley_tr.json",
            "counter/celus/counter5_tr_nature.json", "counter/pycounter/sushi_book.json" })
    void everyRealCounterTitleReportReadsAndKeepsEveryCount(String file) {
        JsonObject json = new JsonObject(new String(SharedData.bytes(file), StandardCharsets.UTF_8));
        CounterTitleReport.Report report = CounterTitleReport.read(json);
        long expected = 0;
        for (Object item : json.getJsonArray("Report_Items")) {
            for (Object p : ((JsonObject) item).getJsonArray("Performance")) {
                for (Object i : ((JsonObject) p).getJsonArray("Instance")) {
                    expected += ((JsonObject) i).getLong("Count");
                }
            }
        }
        assertEquals(expected, report.counts().stream().mapToLong(CounterTitleReport.MonthlyCount::count).sum(), file);
        assertNotNull(report.reportId());
    }

    @Test
    void theJ1ReportCountsItsJournalsRequestsByOnlineIssn() {
        var report = CounterTitleReport.read(new JsonObject(new String(
                SharedData.bytes("counter/folio_mod-erm-usage-counter/c5/converter_tr_tr_j1.json"), StandardCharsets.UTF_8)));
        assertEquals(587, report.counts().stream().filter(c -> c.metricType().equals("Total_Item_Requests"))
                .mapToLong(CounterTitleReport.MonthlyCount::count).sum());
        var first = report.counts().get(0);
        assertEquals("Acta Haematologica", first.title());
        assertEquals("1421-9662", first.onlineIdentifier());
        assertEquals(java.time.YearMonth.of(2021, 1), first.month());
    }

    @Test
    void tabularCounterReportsReadWithTheirMonthColumns() {
        var denials = CounterTitleReport.readTabular(new String(SharedData.bytes("counter/pycounter/tr_j2.tsv"), StandardCharsets.UTF_8));
        assertEquals("TR_J2", denials.reportId());
        // Journal A's row: Reporting_Period_Total 3, Jan-2017 3, the other months empty; the total is not a month.
        assertEquals(List.of(new CounterTitleReport.MonthlyCount("Journal A", "PlatformX", "1111-22222", "1111-1223",
                "Limit_Exceeded", java.time.YearMonth.of(2017, 1), 3)), denials.counts());
        var requests = CounterTitleReport.readTabular(new String(SharedData.bytes("counter/pycounter/tr_j1.tsv"), StandardCharsets.UTF_8));
        assertEquals("TR_J1", requests.reportId());
        assertEquals(List.of(), requests.counts(), "the sample has titles but no counts");
        var notTitles = assertThrows(CounterTitleReport.UnreadableReportException.class, () -> CounterTitleReport.readTabular(
                "Report_Name\tPlatform Master Report\nReport_ID\tPR\nRelease\t5\n\nPlatform\tMetric_Type\tJan-2024\n"));
        assertTrue(notTitles.getMessage().contains("no column header row starting with Title"), notTitles.getMessage());
        var badCount = assertThrows(CounterTitleReport.UnreadableReportException.class, () -> CounterTitleReport.readTabular(
                "Report_ID,TR_J1\nRelease,5\n,\nTitle,Online_ISSN,Metric_Type,Jan-2024\nJ,1421-9662,Total_Item_Requests,many\n"));
        assertEquals("line 5: 'many' under 2024-01 is not a count", badCount.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "counter/celus/C5_PR_test.json", "counter/folio_mod-erm-usage-counter/c5/converter_dr_dr.json",
            "counter/folio_mod-erm-usage-counter/c5/reports_full_ir.json" })
    void reportsThatAreNotAboutTitlesAreRefused(String file) {
        var e = assertThrows(CounterTitleReport.UnreadableReportException.class, () -> CounterTitleReport.read(
                new JsonObject(new String(SharedData.bytes(file), StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("is not a title report"), e.getMessage());
    }
}
