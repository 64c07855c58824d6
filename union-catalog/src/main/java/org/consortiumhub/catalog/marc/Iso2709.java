package org.consortiumhub.catalog.marc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * ISO 2709, the MARC exchange format, as MARC 21 uses it: a 24-byte leader, a directory of 12-byte entries (tag,
 * field length, field position) and the fields. The hub stores records in this form, always in UTF-8: it is compact,
 * and any ILS can load it as it is.
 */
public final class Iso2709 {

    static final byte RECORD_TERMINATOR = 0x1D;
    static final byte FIELD_TERMINATOR = 0x1E;
    static final byte SUBFIELD_DELIMITER = 0x1F;
    /** The leader's record length and the directory's positions have five digits, field lengths four. */
    static final int MAX_RECORD_LENGTH = 99_999;
    static final int MAX_FIELD_LENGTH = 9_999;

    private Iso2709() {
    }

    /**
     * The record in UTF-8 ISO 2709, with the leader's lengths, base address and leader/09 = {@code a} set.
     *
     * @throws IllegalArgumentException when the record cannot be written in ISO 2709: longer than 99,999 bytes, a
     *         field longer than 9,999 bytes (serials with thousands of items reach this), or a tag, indicator or
     *         subfield code that is not one ASCII character
     */
    public static byte[] write(MarcRecord record) {
        if (record.iso2709() != null) {
            return record.iso2709().clone();
        }
        int fieldCount = record.controlFields().size() + record.dataFields().size();
        String[] tags = new String[fieldCount];
        int[] ends = new int[fieldCount];
        Bytes data = new Bytes();
        int i = 0;
        for (ControlField f : record.controlFields()) {
            tags[i] = checkedTag(f.tag());
            data.text(f.value());
            data.add(FIELD_TERMINATOR);
            ends[i++] = data.size;
        }
        for (DataField f : record.dataFields()) {
            tags[i] = checkedTag(f.tag());
            data.add(checkedAscii(f.ind1(), "indicator", f.tag()));
            data.add(checkedAscii(f.ind2(), "indicator", f.tag()));
            for (Subfield s : f.subfields()) {
                data.add(SUBFIELD_DELIMITER);
                data.add(checkedAscii(s.code(), "subfield code", f.tag()));
                data.text(s.value());
            }
            data.add(FIELD_TERMINATOR);
            ends[i++] = data.size;
        }
        int base = Leader.LENGTH + 12 * fieldCount + 1;
        int length = base + data.size + 1;
        if (length > MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException(describe(record) + " is " + length
                    + " bytes long; ISO 2709 holds at most " + MAX_RECORD_LENGTH);
        }
        byte[] out = new byte[length];
        String leader = Leader.canonical(record.leader(), length, base);
        for (int c = 0; c < Leader.LENGTH; c++) {
            out[c] = (byte) leader.charAt(c);
        }
        int at = Leader.LENGTH;
        int start = 0;
        for (int f = 0; f < fieldCount; f++) {
            int fieldLength = ends[f] - start;
            if (fieldLength > MAX_FIELD_LENGTH) {
                throw new IllegalArgumentException(describe(record) + ": field " + tags[f] + " is " + fieldLength
                        + " bytes long; ISO 2709 holds at most " + MAX_FIELD_LENGTH + " in one field");
            }
            at = putAscii(out, at, tags[f]);
            at = putNumber(out, at, fieldLength, 4);
            at = putNumber(out, at, start, 5);
            start = ends[f];
        }
        out[at++] = FIELD_TERMINATOR;
        System.arraycopy(data.bytes, 0, out, at, data.size);
        out[length - 1] = RECORD_TERMINATOR;
        return out;
    }

    /**
     * Reads one ISO 2709 record, UTF-8 or MARC-8 as its leader/09 says, e.g. one the hub stored with
     * {@link #write(MarcRecord)}.
     *
     * @throws IllegalArgumentException with the reason when the bytes are not a readable record
     */
    public static MarcRecord read(byte[] record) {
        try {
            return new Iso2709Decoder().decode(record, 0, record.length);
        } catch (MarcFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The leader a record gets once read: the lengths are those of its UTF-8 ISO 2709 form. */
    static String storedLeader(String raw, List<ControlField> controlFields, List<DataField> dataFields) {
        int base = Leader.LENGTH + 12 * (controlFields.size() + dataFields.size()) + 1;
        int length = base + 1;
        for (ControlField f : controlFields) {
            length += utf8Length(f.value()) + 1;
        }
        for (DataField f : dataFields) {
            length += 3;
            for (Subfield s : f.subfields()) {
                length += 2 + utf8Length(s.value());
            }
        }
        return Leader.canonical(raw, length, base);
    }

    private static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                // two bytes below U+0800; three above, and a surrogate pair makes four in all
                n += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return n;
    }

    private static String describe(MarcRecord record) {
        String id = record.controlNumber();
        return id == null ? "the record" : "record " + id;
    }

    private static String checkedTag(String tag) {
        if (tag == null || tag.length() != 3 || !printableAscii(tag.charAt(0)) || !printableAscii(tag.charAt(1))
                || !printableAscii(tag.charAt(2))) {
            throw new IllegalArgumentException("'" + tag + "' is not a MARC tag");
        }
        return tag;
    }

    private static boolean printableAscii(char c) {
        return c > ' ' && c < 0x7F;
    }

    private static byte checkedAscii(char c, String what, String tag) {
        if (c < ' ' || c >= 0x7F) {
            throw new IllegalArgumentException("field " + tag + " has the " + what + " '" + c
                    + "', which ISO 2709 cannot hold in one byte");
        }
        return (byte) c;
    }

    private static int putAscii(byte[] out, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            out[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    private static int putNumber(byte[] out, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }

    /** A growable byte array: the data area, written before its size, which the directory needs, is known. */
    private static final class Bytes {
        byte[] bytes = new byte[2048];
        int size;

        void add(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = b;
        }

        void text(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (size + utf8.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + utf8.length));
            }
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }
    }
}
