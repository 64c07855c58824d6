package org.consortiumhub.catalog.support;

import java.util.ArrayList;
import java.util.List;
import org.consortiumhub.catalog.marc.ControlField;
import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.Subfield;

/**
 * Records written the way cataloguers read them, one field a line:
 * {@code "LDR 00000nam a2200000 a 4500"}, {@code "008 950814s1995    enk           000 1 eng d"},
 * {@code "245 10$aPride and prejudice /$cJane Austen."}. Without an LDR line the record is a printed book.
 */
public final class MarcText {

    private static final String BOOK_LEADER = "00000nam a2200000 a 4500";

    private MarcText() {
    }

    public static MarcRecord record(String... lines) {
        String leader = BOOK_LEADER;
        List<ControlField> controlFields = new ArrayList<>();
        List<DataField> dataFields = new ArrayList<>();
        for (String line : lines) {
            String tag = line.substring(0, 3);
            String rest = line.substring(4);
            if (tag.equals("LDR")) {
                leader = rest;
            } else if (tag.startsWith("00")) {
                controlFields.add(new ControlField(tag, rest));
            } else {
                List<Subfield> subfields = new ArrayList<>();
                for (String s : rest.substring(3).split("\\$")) {
                    if (!s.isEmpty()) {
                        subfields.add(new Subfield(s.charAt(0), s.substring(1)));
                    }
                }
                dataFields.add(new DataField(tag, rest.charAt(0), rest.charAt(1), subfields));
            }
        }
        return new MarcRecord(leader, controlFields, dataFields);
    }
}
