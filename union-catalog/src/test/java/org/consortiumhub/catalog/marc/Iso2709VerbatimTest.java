package org.consortiumhub.catalog.marc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.consortiumhub.catalog.SharedData;
import org.junit.jupiter.api.Test;

/**
 * A record read from bytes that are already its UTF-8 ISO 2709 form keeps them, and writing it hands them back
 * instead of encoding it again: that must give exactly what encoding it would, for every record of the shared data.
 */
class Iso2709VerbatimTest {

    /** The record as the writer encodes it, without the bytes it was read from. */
    private static byte[] encoded(MarcRecord r) {
        return Iso2709.write(new MarcRecord(r.leader(), r.controlFields(), r.dataFields()));
    }

    private static List<MarcRecord> everyRecord(String file) {
        List<MarcRecord> records = new ArrayList<>();
        for (ReadResult result : SharedData.readAll(SharedData.bytes(file))) {
            if (result instanceof ReadRecord read) {
                records.add(read.record());
                records.addAll(read.holdings());
            }
        }
        return records;
    }

    @Test
    void recordsKeptAsSentAreExactlyWhatTheWriterWouldWrite() {
        int verbatim = 0;
        int all = 0;
        for (String file : SharedData.MARC_FILES) {
            for (MarcRecord r : everyRecord(file)) {
                all++;
                byte[] expected;
                try {
                    expected = encoded(r);
                } catch (IllegalArgumentException tooLarge) {
                    assertNull(r.iso2709(), file + " " + r.controlNumber() + " cannot be ISO 2709, so it was not read as such");
                    continue;
                }
                assertArrayEquals(expected, Iso2709.write(r), file + " " + r.controlNumber());
                verbatim += r.iso2709() != null ? 1 : 0;
            }
        }
        assertTrue(all > 10_000, "the shared data was read: " + all);
        assertTrue(verbatim > 0, "some records were kept as sent");
    }

    @Test
    void whatTheWriterWritesReadsBackVerbatimAndChangedRecordsDoNot() {
        int written = 0;
        for (MarcRecord r : everyRecord("marc/eg_lul_fre_500.mrc")) {
            byte[] stored = encoded(r);
            MarcRecord read = Iso2709.read(stored);
            assertNotNull(read.iso2709(), r.controlNumber() + " as the hub stores it is read back as it is");
            assertArrayEquals(stored, Iso2709.write(read));
            assertEquals(r, read);
            written++;
        }
        assertTrue(written > 100);
        // a record whose leader the reader corrects (leader/09 blank, but its text is UTF-8) is encoded again
        MarcRecord first = everyRecord("marc/eg_lul_fre_500.mrc").get(0);
        byte[] stored = encoded(first);
        stored[9] = ' ';
        MarcRecord corrected = Iso2709.read(stored);
        assertNull(corrected.iso2709());
        assertEquals('a', (char) Iso2709.write(corrected)[9]);
        // a field with a stray byte before its first subfield is encoded again, without the byte
        byte[] padded = encoded(new MarcRecord(first.leader(), first.controlFields(),
                List.of(new DataField("245", '1', '0', List.of(new Subfield('a', "Title"))))));
        assertNull(Iso2709.read(withSubfieldDelimiterDropped(padded)).iso2709());
    }

    /** The bytes with the delimiter before the 245's first subfield code turned into a plain character. */
    private static byte[] withSubfieldDelimiterDropped(byte[] record) {
        byte[] copy = record.clone();
        for (int i = 24; i < copy.length; i++) {
            if (copy[i] == Iso2709.SUBFIELD_DELIMITER) {
                copy[i] = 'x';
                break;
            }
        }
        return copy;
    }
}
