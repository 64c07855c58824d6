package org.consortiumhub.catalog.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.consortiumhub.catalog.SharedData;
import org.consortiumhub.catalog.marc.ControlField;
import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.Subfield;
import org.marc4j.MarcPermissiveStreamReader;
import org.marc4j.MarcReader;
import org.marc4j.MarcXmlReader;

/**
 * MARC files of the project's shared real data, found by {@link SharedData} and read with marc4j (an independent
 * reader, which turns MARC-8 into Unicode), so the quality figures do not rest on the hub's own reader. Missing data fails the test: quality figures must
 * never silently turn into skipped tests.
 */
public final class SharedMarcFiles {

    private SharedMarcFiles() {
    }

    /**
     * The records of a file under the shared data folder: ISO 2709 (MARC-8 converted to UTF-8) or, for
     * {@code .xml}, MARCXML.
     */
    public static List<MarcRecord> read(String relativePath) {
        try (InputStream in = Files.newInputStream(SharedData.path(relativePath))) {
            MarcReader reader = relativePath.endsWith(".xml")
                    ? new MarcXmlReader(in)
                    : new MarcPermissiveStreamReader(in, true, true);
            List<MarcRecord> records = new ArrayList<>();
            while (reader.hasNext()) {
                records.add(toMarcRecord(reader.next()));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hub's record model of a marc4j record. */
    public static MarcRecord toMarcRecord(org.marc4j.marc.Record r) {
        List<ControlField> controlFields = r.getControlFields().stream()
                .map(f -> new ControlField(f.getTag(), f.getData()))
                .toList();
        List<DataField> dataFields = r.getDataFields().stream()
                .map(f -> new DataField(f.getTag(), f.getIndicator1(), f.getIndicator2(), f.getSubfields().stream()
                        .map(s -> new Subfield(s.getCode(), s.getData()))
                        .toList()))
                .toList();
        return new MarcRecord(r.getLeader().marshal(), controlFields, dataFields);
    }
}
