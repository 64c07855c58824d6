package org.consortiumhub.catalog.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.consortiumhub.catalog.match.Format;
import org.consortiumhub.catalog.match.ManifestationProfile;

/**
 * Stores a record's {@link ManifestationProfile} beside it in a few dozen bytes, so clustering a batch reads the
 * profiles of neighbouring records instead of parsing their MARC again.
 */
public final class ProfileCodec {

    private static final int VERSION = 1;

    private ProfileCodec() {
    }

    public static byte[] encode(ManifestationProfile p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(p.format().name());
            out.writeUTF(p.date());
            out.writeUTF(p.title());
            out.writeUTF(p.remainderOfTitle());
            out.writeUTF(p.author());
            out.writeInt(p.pages());
            out.writeInt(p.volumes());
            out.writeUTF(p.edition());
            out.writeUTF(p.publisher());
            writeList(out, p.seriesNumbers());
            writeList(out, p.oclcNumbers());
            writeList(out, p.lccns());
            writeList(out, p.isbns());
            writeList(out, p.issns());
            out.writeInt(p.fieldCount());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ManifestationProfile decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("stored profile of unknown version " + version);
            }
            return new ManifestationProfile(Format.valueOf(in.readUTF()), in.readUTF(), in.readUTF(), in.readUTF(),
                    in.readUTF(), in.readInt(), in.readInt(), in.readUTF(), in.readUTF(), readList(in), readList(in),
                    readList(in), readList(in), readList(in), in.readInt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeShort(values.size());
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readShort();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readUTF());
        }
        return values;
    }
}
