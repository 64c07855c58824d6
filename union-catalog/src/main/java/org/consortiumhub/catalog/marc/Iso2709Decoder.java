package org.consortiumhub.catalog.marc;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.consortiumhub.catalog.marc.Iso2709.FIELD_TERMINATOR;
import static org.consortiumhub.catalog.marc.Iso2709.SUBFIELD_DELIMITER;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.marc4j.MarcException;
import org.marc4j.converter.impl.AnselToUnicode;

/**
 * Turns the bytes of one ISO 2709 record into a {@link MarcRecord}, in Unicode NFC whether the record was UTF-8 or
 * MARC-8. One decoder serves one stream of records (it is not thread-safe): it keeps its UTF-8 decoder and, once a
 * MARC-8 record appears, marc4j's MARC-8 tables.
 */
final class Iso2709Decoder {

    private static final byte ESCAPE = 0x1B;
    private static final char NO_CODE = 0;
    private static final String[] NUMERIC_TAGS = new String[1000];

    static {
        for (int i = 0; i < NUMERIC_TAGS.length; i++) {
            NUMERIC_TAGS[i] = String.format("%03d", i);
        }
    }

    private final CharsetDecoder utf8 = UTF_8.newDecoder();
    private AnselToUnicode marc8;
    /**
     * Whether the record being decoded is, so far, byte for byte what {@link Iso2709#write(MarcRecord)} would write
     * of it: its text UTF-8 and already in NFC, its fields in directory order and contiguous, nothing left out.
     * Most records members send are; for them the stored form is the bytes as sent, not encoded again.
     */
    private boolean verbatim;

    MarcRecord decode(byte[] b, int off, int len) throws MarcFormatException {
        if (len > Iso2709.MAX_RECORD_LENGTH) {
            throw new MarcFormatException("the record is " + len + " bytes long, more than the "
                    + Iso2709.MAX_RECORD_LENGTH + " an ISO 2709 leader and directory can address, so its fields"
                    + " cannot be located");
        }
        int end = off + len;
        int directoryEnd = indexOf(b, off + Leader.LENGTH, end, FIELD_TERMINATOR);
        if (directoryEnd < 0) {
            throw new MarcFormatException("the record has no field terminator after its directory, so its fields"
                    + " cannot be located");
        }
        int directoryLength = directoryEnd - off - Leader.LENGTH;
        if (directoryLength == 0) {
            throw new MarcFormatException("the record has no fields");
        }
        if (directoryLength % 12 != 0) {
            throw new MarcFormatException("the directory is " + directoryLength
                    + " bytes long, which is not a whole number of 12-byte entries");
        }
        // the base address is where the directory really ends: leaders with a wrong one are common and harmless
        int base = directoryEnd + 1;
        boolean unicode = b[off + 9] == 'a' || isUtf8(b, base, end);
        int controlFieldCount = 0;
        for (int at = off + Leader.LENGTH; at < directoryEnd; at += 12) {
            controlFieldCount += b[at] == '0' && b[at + 1] == '0' ? 1 : 0;
        }
        ControlField[] controlFields = new ControlField[controlFieldCount];
        DataField[] dataFields = new DataField[directoryLength / 12 - controlFieldCount];
        int controls = 0;
        int datas = 0;
        verbatim = unicode;
        int nextStart = 0;
        for (int entry = 1, at = off + Leader.LENGTH; at < directoryEnd; entry++, at += 12) {
            String tag = tag(b, at, entry);
            int length = number(b, at + 3, 4);
            int start = number(b, at + 7, 5);
            if (length < 0 || start < 0) {
                throw new MarcFormatException("directory entry " + entry + " (field " + tag
                        + ") has a length or position that is not a number: '" + printable(b, at + 3, 9) + "'");
            }
            int from = base + start;
            int to = from + length;
            if (length == 0) {
                throw new MarcFormatException("directory entry " + entry + " (field " + tag + ") has a length of 0");
            }
            if (to > end) {
                throw new MarcFormatException("directory entry " + entry + " (field " + tag
                        + ") points past the end of the record");
            }
            if (b[to - 1] != FIELD_TERMINATOR) {
                throw new MarcFormatException("field " + tag + " (directory entry " + entry
                        + ") does not end where the directory says; the directory does not match the data");
            }
            boolean control = tag.startsWith("00");
            // the writer puts control fields first and each field right after the one before
            verbatim &= start == nextStart && (datas == 0 || !control);
            nextStart = start + length;
            if (control) {
                controlFields[controls++] = new ControlField(tag, text(b, from, to - 1, unicode, tag, NO_CODE));
            } else {
                dataFields[datas++] = dataField(tag, b, from, to - 1, unicode);
            }
        }
        String leader = new String(b, off, Leader.LENGTH, ISO_8859_1);
        List<ControlField> controlList = listOf(controlFields, controls);
        List<DataField> dataList = listOf(dataFields, datas);
        if (verbatim && base + nextStart == end - 1 && b[end - 1] == Iso2709.RECORD_TERMINATOR) {
            // the data is as the writer would write it, so its lengths are the record's own
            String stored = Leader.canonical(leader, len, base - off);
            if (stored.equals(leader)) {
                return new MarcRecord(stored, controlList, dataList, Arrays.copyOfRange(b, off, end));
            }
        }
        return new MarcRecord(Iso2709.storedLeader(leader, controlList, dataList), controlList, dataList);
    }

    /** The record's 001 when it can be found in a record that is otherwise unreadable, for the problem report. */
    static String controlNumber(byte[] b, int off, int len) {
        int end = off + len;
        int directoryEnd = indexOf(b, off + Leader.LENGTH, end, FIELD_TERMINATOR);
        for (int at = off + Leader.LENGTH; directoryEnd > 0 && at + 12 <= directoryEnd; at += 12) {
            if (b[at] == '0' && b[at + 1] == '0' && b[at + 2] == '1') {
                int length = number(b, at + 3, 4);
                int from = directoryEnd + 1 + number(b, at + 7, 5);
                if (length <= 0 || from <= directoryEnd || from + length > end) {
                    return null;
                }
                String id = printable(b, from, length - 1).trim();
                return id.isEmpty() ? null : id;
            }
        }
        return null;
    }

    private DataField dataField(String tag, byte[] b, int from, int to, boolean unicode) throws MarcFormatException {
        if (to - from < 2) {
            throw new MarcFormatException("field " + tag + " is too short to hold its two indicators");
        }
        char ind1 = indicator(b[from], tag);
        char ind2 = indicator(b[from + 1], tag);
        Subfield[] subfields = new Subfield[count(b, from + 2, to, SUBFIELD_DELIMITER)];
        int n = 0;
        int at = indexOf(b, from + 2, to, SUBFIELD_DELIMITER);
        // bytes between the indicators and the first subfield are left out
        verbatim &= at == from + 2 || at < 0 && to == from + 2;
        while (at >= 0) {
            int next = indexOf(b, at + 1, to, SUBFIELD_DELIMITER);
            int valueEnd = next < 0 ? to : next;
            // a delimiter with no code after it carries nothing
            if (at + 1 < valueEnd) {
                char code = subfieldCode(b[at + 1], tag);
                subfields[n++] = new Subfield(code, text(b, at + 2, valueEnd, unicode, tag, code));
            } else {
                verbatim = false;
            }
            at = next;
        }
        return new DataField(tag, ind1, ind2, listOf(subfields, n));
    }

    /**
     * The first {@code n} elements as an unmodifiable list, which the record's types keep without copying it again (a
     * list built in an {@code ArrayList} was copied twice more).
     */
    private static <T> List<T> listOf(T[] elements, int n) {
        return List.of(n == elements.length ? elements : Arrays.copyOf(elements, n));
    }

    private static int count(byte[] b, int from, int to, byte wanted) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == wanted) {
                n++;
            }
        }
        return n;
    }

    /** Decodes the value of a control field or of subfield {@code code}, which messages name. */
    private String text(byte[] b, int from, int to, boolean unicode, String tag, char code)
            throws MarcFormatException {
        int i = from;
        while (i < to && b[i] >= 0 && (unicode || b[i] != ESCAPE)) {
            i++;
        }
        if (i == to) {
            return new String(b, from, to - from, ISO_8859_1);
        }
        String field = code == NO_CODE ? tag : tag + " $" + code;
        String s = unicode ? utf8(b, from, to, field) : marc8(b, from, to, field);
        if (Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
            // valid UTF-8 decodes and encodes back to the same bytes
            return s;
        }
        verbatim = false;
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private String utf8(byte[] b, int from, int to, String field) throws MarcFormatException {
        try {
            return utf8.decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new MarcFormatException("field " + field + " is not valid UTF-8, although leader/09 says the record"
                    + " is in Unicode");
        }
    }

    private String marc8(byte[] b, int from, int to, String field) throws MarcFormatException {
        if (marc8 == null) {
            marc8 = new AnselToUnicode();
        }
        char[] raw = new char[to - from];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (char) (b[from + i] & 0xFF);
        }
        String converted;
        try {
            converted = marc8.convert(raw);
        } catch (MarcException e) {
            throw new MarcFormatException("field " + field + " has a MARC-8 escape sequence that cannot be read ("
                    + e.getMessage() + ")");
        }
        // marc4j writes a byte it has no MARC-8 character for as the text "<U+00xx>"
        int unknown = converted.indexOf("<U+");
        if (unknown >= 0 && !new String(raw).contains("<U+") && unknown + 8 <= converted.length()) {
            throw new MarcFormatException("field " + field + " holds the byte 0x"
                    + converted.substring(unknown + 5, unknown + 7).toUpperCase(Locale.ROOT)
                    + ", which is not a MARC-8 character");
        }
        return converted;
    }

    /**
     * True when a record whose leader says MARC-8 really holds UTF-8: converted files often keep the old leader/09.
     * MARC-8 text almost never forms valid UTF-8 sequences, since its diacritics come before an ASCII letter.
     */
    private static boolean isUtf8(byte[] b, int from, int to) {
        boolean multibyte = false;
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xFF;
            if (c == ESCAPE) {
                return false;
            }
            if (c < 0x80) {
                continue;
            }
            int following = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
            if (following < 0 || i + following >= to) {
                return false;
            }
            for (int k = 1; k <= following; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += following;
            multibyte = true;
        }
        return multibyte;
    }

    private static String tag(byte[] b, int at, int entry) throws MarcFormatException {
        int number = number(b, at, 3);
        if (number >= 0) {
            return NUMERIC_TAGS[number];
        }
        for (int i = at; i < at + 3; i++) {
            if (!Character.isLetterOrDigit(b[i]) || b[i] < 0) {
                throw new MarcFormatException("directory entry " + entry + " has the tag '" + printable(b, at, 3)
                        + "', which is not a MARC tag");
            }
        }
        return new String(b, at, 3, ISO_8859_1);
    }

    private static char indicator(byte b, String tag) throws MarcFormatException {
        if (b < ' ' || b == 0x7F) {
            throw new MarcFormatException("field " + tag + " has an indicator that is not a letter, digit or blank"
                    + " (byte " + hex(b) + ")");
        }
        return (char) b;
    }

    /** A blank code is a cataloguing slip (Alma lets one be saved), not damage: it is kept, so nothing is lost. */
    private static char subfieldCode(byte b, String tag) throws MarcFormatException {
        if (b < ' ' || b == 0x7F) {
            throw new MarcFormatException("field " + tag + " has a subfield code that is not a letter, digit or sign"
                    + " (byte " + hex(b) + ")");
        }
        return (char) b;
    }

    private static String hex(byte b) {
        return String.format("0x%02X", b & 0xFF);
    }

    /** The number in {@code digits} ASCII digits, or -1 when they are not all digits. */
    static int number(byte[] b, int at, int digits) {
        int value = 0;
        for (int i = at; i < at + digits; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            value = value * 10 + b[i] - '0';
        }
        return value;
    }

    static int indexOf(byte[] b, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes as text fit for a message: control characters and non-ASCII bytes shown as '?'. */
    static String printable(byte[] b, int from, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            byte x = b[from + i];
            c[i] = x >= ' ' && x < 0x7F ? (char) x : '?';
        }
        return new String(c);
    }
}
