package org.consortiumhub.catalog.marc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A MARC 21 record (bibliographic or holdings) as the hub keeps it: leader, control fields and data fields, all
 * text in Unicode whatever encoding the member sent.
 */
public final class MarcRecord {

    private final String leader;
    private final List<ControlField> controlFields;
    private final List<DataField> dataFields;
    private final byte[] iso2709;

    public MarcRecord(String leader, List<ControlField> controlFields, List<DataField> dataFields) {
        this(leader, controlFields, dataFields, null);
    }

    /** A record read from ISO 2709 bytes that are exactly its UTF-8 ISO 2709 form, which is then not written again. */
    MarcRecord(String leader, List<ControlField> controlFields, List<DataField> dataFields, byte[] iso2709) {
        this.leader = leader;
        this.controlFields = List.copyOf(controlFields);
        this.dataFields = List.copyOf(dataFields);
        this.iso2709 = iso2709;
    }

    /** The record's UTF-8 ISO 2709 form when it was read from exactly those bytes, else null. Not to be modified. */
    byte[] iso2709() {
        return iso2709;
    }

    public String leader() {
        return leader;
    }

    public List<ControlField> controlFields() {
        return controlFields;
    }

    public List<DataField> dataFields() {
        return dataFields;
    }

    /** The record's local id (001), trimmed, or null when it has none. */
    public String controlNumber() {
        String id = controlField("001");
        return id == null || id.isBlank() ? null : id.trim();
    }

    public String controlField(String tag) {
        for (ControlField f : controlFields) {
            if (f.tag().equals(tag)) {
                return f.value();
            }
        }
        return null;
    }

    public List<DataField> fields(String tag) {
        int count = 0;
        for (DataField f : dataFields) {
            if (f.tag().equals(tag)) {
                count++;
            }
        }
        // counted first: records with many item fields made a list that grew one field at a time
        List<DataField> found = new ArrayList<>(count);
        for (int i = 0; found.size() < count; i++) {
            if (dataFields.get(i).tag().equals(tag)) {
                found.add(dataFields.get(i));
            }
        }
        return found;
    }

    public DataField field(String tag) {
        for (DataField f : dataFields) {
            if (f.tag().equals(tag)) {
                return f;
            }
        }
        return null;
    }

    /** The first value of a subfield in the first field with that tag, or null. */
    public String first(String tag, char code) {
        DataField f = field(tag);
        return f == null ? null : f.first(code);
    }

    private char leaderChar(int position) {
        return leader != null && leader.length() > position ? leader.charAt(position) : ' ';
    }

    /** Leader/05: {@code d} means the member deleted the record. */
    public char recordStatus() {
        return leaderChar(5);
    }

    /** Leader/06: type of record ({@code a} language material, {@code x}/{@code y}/{@code u}/{@code v} holdings, …). */
    public char typeOfRecord() {
        return leaderChar(6);
    }

    /** Leader/07: bibliographic level ({@code m} monograph, {@code s} serial, …). */
    public char bibliographicLevel() {
        return leaderChar(7);
    }

    public boolean isDeleted() {
        return recordStatus() == 'd';
    }

    /** True for MARC 21 holdings (MFHD) records, which follow their bibliographic record in a file. */
    public boolean isHoldings() {
        char t = typeOfRecord();
        return t == 'u' || t == 'v' || t == 'x' || t == 'y';
    }

    /** Same leader and the same fields in the same order: what a round trip through any MARC format must keep. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MarcRecord other
                && Objects.equals(leader, other.leader)
                && controlFields.equals(other.controlFields)
                && dataFields.equals(other.dataFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(leader, controlFields, dataFields);
    }

    /** The record in the line-per-field "mnemonic" form cataloguers know from MarcEdit: {@code =245  10$aTitle}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("=LDR  ").append(leader).append('\n');
        for (ControlField f : controlFields) {
            s.append('=').append(f.tag()).append("  ").append(f.value()).append('\n');
        }
        for (DataField f : dataFields) {
            s.append('=').append(f.tag()).append("  ").append(f.ind1()).append(f.ind2());
            for (Subfield sf : f.subfields()) {
                s.append('$').append(sf.code()).append(sf.value());
            }
            s.append('\n');
        }
        return s.toString();
    }
}
