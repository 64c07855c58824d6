package org.consortiumhub.catalog.store;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.consortiumhub.catalog.marc.Iso2709;
import org.consortiumhub.catalog.marc.MarcRecord;

/** A record as the catalog stores it: UTF-8 ISO 2709, deflated (MARC text shrinks to about a third). */
public final class StoredMarc {

    private StoredMarc() {
    }

    public static byte[] pack(MarcRecord record) {
        return deflate(Iso2709.write(record));
    }

    /** Deflates a record already written as ISO 2709. */
    public static byte[] deflate(byte[] iso) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
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
            deflater.end();
        }
    }

    public static MarcRecord unpack(byte[] stored) {
        Inflater inflater = new Inflater();
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
            return Iso2709.read(out.toByteArray());
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored record is damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
