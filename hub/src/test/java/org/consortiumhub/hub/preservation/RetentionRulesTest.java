package org.consortiumhub.hub.preservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.consortiumhub.catalog.SharedData;
import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.hub.preservation.RetentionCoverage.Status;
import org.junit.jupiter.api.Test;

/** The 583 mapping and the coverage rules, without a database. */
class RetentionRulesTest {

    @Test
    void everyRetention583InTheSharedPrintDataReadsAndWritesBackUnchanged() {
        int notes = 0;
        for (String file : List.of("marc583/princeton-recap/several_records.xml",
                "marc583/princeton-recap/marc_to_solr_fixtures/99126831126106421.mrx",
                "marc583/princeton-recap/marc_to_solr_fixtures/99126873402206421.mrx",
                "marc583/princeton-recap/marc_to_solr_fixtures/scsb_harvard_committed.mrx",
                "marc583/princeton-recap/marc_to_solr_fixtures/scsb_harvard_multiple.mrx")) {
            for (MarcRecord record : SharedData.records(file)) {
                for (DataField field : record.fields("583")) {
                    var note = RetentionNote.fromField(field);
                    if (note.isPresent()) {
                        notes++;
                        assertEquals(field, note.get().toField(), file + " " + record.controlNumber());
                    }
                }
            }
        }
        assertTrue(notes >= 32, "retention notes read: " + notes);
    }

    @Test
    void otherActionsAreNotCommitments() {
        // HathiTrust's digitisation note and a curator's housing note are 583s too, but not retention commitments.
        List<MarcRecord> records = SharedData.records("marc583/princeton-recap/marc_to_solr_fixtures/99122306151806421.mrx");
        assertTrue(records.get(0).fields("583").stream().allMatch(f -> RetentionNote.fromField(f).isEmpty()));
        records = SharedData.records("marc583/princeton-recap/marc_to_solr_fixtures/99106353023506421.mrx");
        assertEquals(8, records.get(0).fields("583").size());
        assertTrue(records.get(0).fields("583").stream().allMatch(f -> RetentionNote.fromField(f).isEmpty()));
    }

    @Test
    void datesOf583ReadAsProgramsWriteThem() {
        assertEquals(LocalDate.of(2018, 10, 1), RetentionNote.dateOf("20181001", false));
        assertEquals(LocalDate.of(2042, 12, 31), RetentionNote.dateOf("20421231", true));
        assertEquals(LocalDate.of(2035, 12, 31), RetentionNote.dateOf("2035", true));
        assertEquals(LocalDate.of(2035, 1, 1), RetentionNote.dateOf("2035", false));
        assertEquals(LocalDate.of(2031, 2, 28), RetentionNote.dateOf("203102", true));
        assertEquals(LocalDate.of(2031, 2, 28), RetentionNote.dateOf("2031-02-28", true));
        assertNull(RetentionNote.dateOf("in perpetuity", true));
        assertNull(RetentionNote.dateOf("20311399", true));
        assertTrue(RetentionNote.isPerpetual("in perpetuity"));
        assertFalse(RetentionNote.isPerpetual("20421231"));
        assertEquals("20421231", RetentionNote.marcDate(LocalDate.of(2042, 12, 31)));
    }

    @Test
    void scarceTitlesKeepEveryCopyAndCommonOnesTheTarget() {
        assertEquals(2, RetentionCoverage.requiredCopies(5, 2), "held by two: both copies stay");
        assertEquals(5, RetentionCoverage.requiredCopies(5, 40));
        assertEquals(Status.MET, RetentionCoverage.status(5, 2, 2));
        assertEquals(Status.GAP, RetentionCoverage.status(5, 40, 3));
        assertEquals(Status.MET, RetentionCoverage.status(1, 40, 1));
        assertEquals(Status.UNCOVERED, RetentionCoverage.status(1, 40, 0));
        assertTrue(RetentionCoverage.isScarce(2, 3));
        assertFalse(RetentionCoverage.isScarce(3, 3));
        assertFalse(RetentionCoverage.isScarce(0, 3), "a title nobody holds is lost, not scarce");
    }

    @Test
    void theHolderWithTheMostItemsIsAskedFirst() {
        Map<String, int[]> items = new LinkedHashMap<>();
        items.put("US-B", new int[] { 2, 0 });
        items.put("US-A", new int[] { 2, 1 });
        items.put("US-C", new int[] { 1, 1 });
        assertEquals("US-A", RetentionCoverage.suggestedRetainer(items));
        items.put("US-D", new int[] { 2, 1 });
        assertEquals("US-A", RetentionCoverage.suggestedRetainer(items), "ties go to the first code");
        assertNull(RetentionCoverage.suggestedRetainer(Map.of()));
    }
}
