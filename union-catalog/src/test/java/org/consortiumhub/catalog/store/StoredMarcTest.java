package org.consortiumhub.catalog.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

import org.consortiumhub.catalog.SharedData;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.junit.jupiter.api.Test;

class StoredMarcTest {

    private static final List<MarcRecord> RECORDS = SharedData.readableRecords("marc/perf_1k_bib_Create.mrc");

    @Test
    void everyRecordComesBackAsItWasStoredInLittleMoreThanHalfItsSpace() {
        long serialized = 0;
        long stored = 0;
        for (MarcRecord record : RECORDS) {
            byte[] iso = StoredMarc.serialize(record);
            byte[] packed = StoredMarc.pack(record);
            assertArrayEquals(iso, StoredMarc.serialize(StoredMarc.unpack(packed)), "record " + record.controlField("001"));
            serialized += iso.length;
            stored += packed.length;
        }
        assertEquals(1000, RECORDS.size());
        assertTrue(stored <= serialized * 3 / 5, "stored " + stored + " bytes of " + serialized + " serialised");
    }

    @Test
    void recordsStoredDeflatedBeforeZstandardWasUsedStillRead() {
        for (MarcRecord record : RECORDS.subList(0, 50)) {
            byte[] iso = StoredMarc.serialize(record);
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            deflater.setInput(iso);
            deflater.finish();
            byte[] buffer = new byte[iso.length + 64];
            int n = deflater.deflate(buffer);
            deflater.end();
            assertTrue(deflater.finished());
            assertArrayEquals(iso, StoredMarc.serialize(StoredMarc.unpack(Arrays.copyOf(buffer, n))));
        }
    }

    @Test
    void aStoredRecordWithAChangedByteIsReportedAsDamaged() {
        byte[] packed = StoredMarc.pack(RECORDS.get(1));
        byte[] changed = packed.clone();
        changed[changed.length - 10] ^= 0x40;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StoredMarc.unpack(changed));
        assertTrue(e.getMessage().startsWith("a stored record is damaged"), e.getMessage());
    }

    @Test
    void aDamagedStoredRecordIsReportedAsDamaged() {
        byte[] packed = StoredMarc.pack(RECORDS.get(0));
        byte[] cut = Arrays.copyOf(packed, packed.length / 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StoredMarc.unpack(cut));
        assertTrue(e.getMessage().startsWith("a stored record is damaged"), e.getMessage());
        byte[] shortHeader = Arrays.copyOf(packed, 3);
        assertThrows(IllegalStateException.class, () -> StoredMarc.unpack(shortHeader));
    }
}
