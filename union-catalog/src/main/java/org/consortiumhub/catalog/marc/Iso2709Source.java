package org.consortiumhub.catalog.marc;

import static org.consortiumhub.catalog.marc.Iso2709.FIELD_TERMINATOR;
import static org.consortiumhub.catalog.marc.Iso2709.RECORD_TERMINATOR;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a stream of ISO 2709 records. A record ends at its record terminator (0x1D): where the leader's length
 * agrees that is found at once, otherwise by scanning, so a record with a wrong length or a damaged directory costs
 * only itself and reading goes on with the next one.
 */
final class Iso2709Source implements RecordSource {

    /** Further than any real record: a stream without a terminator this far is not ISO 2709, or is broken. */
    private static final int MAX_SCAN = 16 * 1024 * 1024;

    private final InputStream in;
    private final Iso2709Decoder decoder = new Iso2709Decoder();
    private byte[] buffer = new byte[1 << 16];
    /** The unread bytes are buffer[next, limit). */
    private int next;
    private int limit;
    private boolean endOfInput;
    private boolean stopped;
    private int position;

    Iso2709Source(InputStream in) {
        this.in = in;
    }

    @Override
    public ReadResult next() {
        if (stopped) {
            return null;
        }
        position++;
        try {
            skipPadding();
            if (!available(1)) {
                stopped = true;
                return null;
            }
            int length = recordLength();
            if (length < 0) {
                stopped = true;
                return truncated();
            }
            int start = next;
            next += length;
            try {
                return new ReadRecord(position, decoder.decode(buffer, start, length), List.of());
            } catch (MarcFormatException e) {
                return RecordProblem.of(position, Iso2709Decoder.controlNumber(buffer, start, length), e.getMessage());
            }
        } catch (IOException e) {
            stopped = true;
            return RecordProblem.unreadable(position, e);
        } catch (MarcFormatException e) {
            stopped = true;
            return RecordProblem.of(position, null, e.getMessage());
        }
    }

    /**
     * The length of the record starting at {@code next}, or -1 when the input ends inside it. The leader's length is
     * trusted when a record terminator stands at its end, or a field terminator followed by the next leader or the
     * end of the input (some systems leave the record terminator out). Otherwise the record runs to the next record
     * terminator, or to a field terminator that a leader follows.
     */
    private int recordLength() throws IOException, MarcFormatException {
        int declared = available(5) ? Iso2709Decoder.number(buffer, next, 5) : -1;
        if (declared > Leader.LENGTH && available(declared)) {
            byte last = buffer[next + declared - 1];
            if (last == RECORD_TERMINATOR || last == FIELD_TERMINATOR && (leaderAt(declared) || atEnd(declared))) {
                return declared;
            }
        }
        for (int scanned = 0;; scanned++) {
            if (!available(scanned + 1)) {
                return -1;
            }
            if (scanned >= MAX_SCAN) {
                throw new MarcFormatException("no record terminator in the next " + MAX_SCAN / (1024 * 1024)
                        + " MB, so the input is not ISO 2709 from here on and cannot be read further");
            }
            byte b = buffer[next + scanned];
            if (b == RECORD_TERMINATOR || b == FIELD_TERMINATOR && scanned > Leader.LENGTH && leaderAt(scanned + 1)) {
                return scanned + 1;
            }
        }
    }

    /** True when what starts {@code offset} bytes on looks like a MARC 21 leader. */
    private boolean leaderAt(int offset) throws IOException {
        return available(offset + Leader.LENGTH)
                && Iso2709Decoder.number(buffer, next + offset, 5) >= 0
                && Iso2709Decoder.number(buffer, next + offset + 12, 5) >= 0
                && buffer[next + offset + 20] == '4' && buffer[next + offset + 21] == '5';
    }

    private boolean atEnd(int offset) throws IOException {
        return !available(offset + 1);
    }

    private RecordProblem truncated() {
        int have = limit - next;
        String id = Iso2709Decoder.controlNumber(buffer, next, have);
        int declared = Iso2709Decoder.number(buffer, next, Math.min(5, have));
        String announced = declared > have ? " (" + have + " of the " + declared + " bytes its leader announces)" : "";
        return RecordProblem.of(position, id, "truncated: the input ends inside this record" + announced);
    }

    /** Skips line ends, blanks, NULs and Ctrl-Z that some systems put between or after records. */
    private void skipPadding() throws IOException {
        while (available(1)) {
            byte b = buffer[next];
            if (b != '\n' && b != '\r' && b != ' ' && b != 0 && b != 0x1A) {
                return;
            }
            next++;
        }
    }

    /** Makes sure {@code count} unread bytes are in the buffer, reading more as needed; false if the input ends. */
    private boolean available(int count) throws IOException {
        while (limit - next < count) {
            if (endOfInput) {
                return false;
            }
            if (next + count > buffer.length) {
                byte[] target = count > buffer.length ? new byte[Math.max(count, buffer.length * 2)] : buffer;
                System.arraycopy(buffer, next, target, 0, limit - next);
                buffer = target;
                limit -= next;
                next = 0;
            }
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }
        return true;
    }
}
