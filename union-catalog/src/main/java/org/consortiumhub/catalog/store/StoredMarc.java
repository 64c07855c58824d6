package org.consortiumhub.catalog.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.consortiumhub.catalog.marc.Iso2709;
import org.consortiumhub.catalog.marc.MarcFormat;
import org.consortiumhub.catalog.marc.MarcInput;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.MarcXml;
import org.consortiumhub.catalog.marc.ReadRecord;
import org.consortiumhub.catalog.marc.ReadResult;
import org.consortiumhub.catalog.marc.RecordProblem;

/**
 * A record as the catalog stores it: UTF-8 ISO 2709, deflated at the fastest level (MARC shrinks to a little over half). A record too
 * large for ISO 2709 (over 99,999 bytes, such as a serial with thousands of items) is kept as MARCXML instead.
 */
public final class StoredMarc {

    /**
     * One deflater and inflater per thread, reset between records: creating one allocates and clears zlib's tables,
     * which costs more than deflating a record of a few kilobytes.
     */
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED));
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);

    private StoredMarc() {
    }

    public static byte[] pack(MarcRecord record) {
        return deflate(serialize(record));
    }

    /** The record in the form stored before deflating: ISO 2709, or MARCXML when ISO 2709 cannot hold it. */
    public static byte[] serialize(MarcRecord record) {
        try {
            return Iso2709.write(record);
        } catch (IllegalArgumentException tooLargeForIso2709) {
            return MarcXml.write(record).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Deflates a record already serialised. */
    public static byte[] deflate(byte[] iso) {
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        try {
            deflater.setInput(iso);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(iso.length / 2 + 64);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.reset();
        }
    }

    private static MarcRecord fromMarcXml(byte[] xml) {
        try (MarcInput in = MarcInput.readEachRecord(new ByteArrayInputStream(xml), MarcFormat.MARCXML)) {
            ReadResult result = in.next();
            if (result instanceof ReadRecord read) {
                return read.record();
            }
            throw new IllegalStateException("a stored record is damaged: " + ((RecordProblem) result).message());
        }
    }

    public static MarcRecord unpack(byte[] stored) {
        Inflater inflater = INFLATER.get();
        inflater.reset();
        try {
            inflater.setInput(stored);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 3);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored record is damaged (deflate stream ends early)");
                }
                out.write(buffer, 0, n);
            }
            byte[] record = out.toByteArray();
            return record.length > 0 && record[0] == '<' ? fromMarcXml(record) : Iso2709.read(record);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored record is damaged: " + e.getMessage(), e);
        } finally {
            inflater.reset();
        }
    }
}
