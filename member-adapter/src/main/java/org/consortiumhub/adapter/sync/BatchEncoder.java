package org.consortiumhub.adapter.sync;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.consortiumhub.adapter.source.SourceChange;
import org.consortiumhub.catalog.marc.ControlField;
import org.consortiumhub.catalog.marc.Iso2709;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.MarcXml;

/**
 * Writes a batch as the hub reads it: ISO 2709 in UTF-8, each bibliographic record followed by its holdings records;
 * a withdrawn record as a record with only its 001 and leader/05 = {@code d}. A batch with a record too large for
 * ISO 2709 (serials with thousands of items) is written as MARCXML instead, which has no such limit.
 */
final class BatchEncoder {

    private static final String DELETED_LEADER = "00000dam a2200000   4500";

    private BatchEncoder() {
    }

    static byte[] encode(List<SourceChange> changes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(changes.size() * 1600);
            for (SourceChange change : changes) {
                for (MarcRecord record : records(change)) {
                    out.writeBytes(Iso2709.write(record));
                }
            }
            return out.toByteArray();
        } catch (IllegalArgumentException tooLargeForIso2709) {
            StringBuilder xml = new StringBuilder(changes.size() * 3000);
            xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"").append(MarcXml.NAMESPACE)
                    .append("\">\n");
            for (SourceChange change : changes) {
                for (MarcRecord record : records(change)) {
                    xml.append(MarcXml.write(record)).append('\n');
                }
            }
            xml.append("</collection>\n");
            return xml.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static List<MarcRecord> records(SourceChange change) {
        if (change instanceof SourceChange.Upsert upsert) {
            if (upsert.holdings().isEmpty()) {
                return List.of(upsert.record());
            }
            List<MarcRecord> all = new java.util.ArrayList<>(1 + upsert.holdings().size());
            all.add(upsert.record());
            all.addAll(upsert.holdings());
            return all;
        }
        SourceChange.Removal removal = (SourceChange.Removal) change;
        return List.of(new MarcRecord(DELETED_LEADER, List.of(new ControlField("001", removal.localId())), List.of()));
    }
}
