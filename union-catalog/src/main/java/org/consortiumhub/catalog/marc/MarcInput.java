package org.consortiumhub.catalog.marc;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * Reads the records of a file or stream a member sends: ISO 2709 in UTF-8 or MARC-8, or MARCXML, either of them
 * gzipped, told apart by their first bytes (the hint only decides when the bytes do not). Records stream one at a
 * time, each as a {@link ReadRecord} or, when it cannot be read, a {@link RecordProblem} saying where and why; a bad
 * record never stops the reading of the ones after it unless the damage leaves nothing readable, which ends the input
 * with one problem. Nothing is thrown for bad input.
 *
 * <p>Every record comes out as the hub keeps it: text in Unicode NFC (MARC-8 converted), leader/09 = {@code a} and
 * the leader's lengths those of its UTF-8 ISO 2709 form. A record without 001 is returned like any other: whether it
 * can be stored is the caller's decision. Closing a MarcInput closes the stream it reads.
 */
public final class MarcInput implements Iterator<ReadResult>, AutoCloseable {

    private static final int PEEK = 512;

    private final InputStream in;
    private final RecordSource source;
    private final boolean attachHoldings;
    /** Problems met among a bibliographic record's holdings, reported right after it. */
    private final Deque<ReadResult> held = new ArrayDeque<>();
    private ReadResult lookahead;
    private ReadResult next;
    private boolean finished;

    private MarcInput(InputStream in, RecordSource source, boolean attachHoldings) {
        this.in = in;
        this.source = source;
        this.attachHoldings = attachHoldings;
    }

    /**
     * Reads bibliographic records with the holdings (MFHD) records that follow each of them attached to it. A
     * holdings record with no bibliographic record before it is a problem.
     *
     * @param hint the format to assume when the first bytes do not show one; may be null
     */
    public static MarcInput read(InputStream in, MarcFormat hint) {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        return new MarcInput(buffered, open(buffered, hint), true);
    }

    /** Reads bibliographic records with their holdings, the format told by the first bytes alone. */
    public static MarcInput read(InputStream in) {
        return read(in, null);
    }

    /**
     * Reads every record on its own, holdings records included: for files of holdings only, which systems such as
     * Evergreen and Voyager export apart from the bibliographic records and link to them by 004.
     */
    public static MarcInput readEachRecord(InputStream in, MarcFormat hint) {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        return new MarcInput(buffered, open(buffered, hint), false);
    }

    /** The remaining results as a stream; closing it closes the input. */
    public Stream<ReadResult> stream() {
        Spliterator<ReadResult> results =
                Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(results, false).onClose(this::close);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            next = produce();
            finished = next == null;
        }
        return next != null;
    }

    @Override
    public ReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReadResult result = next;
        next = null;
        return result;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReadResult produce() {
        if (!held.isEmpty()) {
            return held.poll();
        }
        ReadResult first = lookahead != null ? lookahead : source.next();
        lookahead = null;
        if (!attachHoldings || !(first instanceof ReadRecord bib)) {
            return first;
        }
        MarcRecord record = bib.record();
        if (record.isHoldings()) {
            return RecordProblem.of(bib.position(), record.controlNumber(), "a holdings record (leader/06 = '"
                    + record.typeOfRecord() + "') with no bibliographic record before it");
        }
        List<MarcRecord> holdings = new ArrayList<>();
        for (ReadResult r = source.next(); r != null; r = source.next()) {
            if (r instanceof ReadRecord h && h.record().isHoldings()) {
                holdings.add(h.record());
            } else if (r instanceof RecordProblem) {
                held.add(r);
            } else {
                lookahead = r;
                break;
            }
        }
        return new ReadRecord(bib.position(), record, holdings);
    }

    private static RecordSource open(BufferedInputStream in, MarcFormat hint) {
        try {
            byte[] head = peek(in);
            if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
                head = peek(in);
            }
            if (head.length == 0) {
                return single(RecordProblem.ofInput(1, "empty input: there are no records to read"));
            }
            MarcFormat format = MarcFormat.sniff(head, head.length);
            if (format == null && !MarcFormat.isHtml(head, head.length)) {
                format = hint;
            }
            if (format == null) {
                return single(RecordProblem.ofInput(1, notMarc(head)));
            }
            return format == MarcFormat.ISO_2709 ? new Iso2709Source(in) : new MarcXmlSource(in);
        } catch (IOException e) {
            return single(RecordProblem.unreadable(1, e));
        }
    }

    private static byte[] peek(BufferedInputStream in) throws IOException {
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        return head;
    }

    private static RecordSource single(RecordProblem problem) {
        Iterator<ReadResult> once = List.<ReadResult>of(problem).iterator();
        return () -> once.hasNext() ? once.next() : null;
    }

    /** Says what the input is instead, as far as its first bytes tell. */
    static String notMarc(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return "not MARC: the input is a ZIP archive; unpack it and send the MARC file inside";
        }
        if (MarcFormat.isHtml(head, head.length)) {
            String text = new String(head, StandardCharsets.ISO_8859_1);
            int start = text.indexOf('<');
            int end = text.indexOf('>', start);
            return "not MARC: the input starts with '" + text.substring(start, end < 0 ? text.length() : end + 1)
                    + "', so it is a web page, not MARC records";
        }
        int printable = 0;
        for (byte b : head) {
            printable += b >= ' ' && b < 0x7F || b == '\n' || b == '\r' || b == '\t' ? 1 : 0;
        }
        if (printable * 10 >= head.length * 9) {
            String text = new String(head, StandardCharsets.ISO_8859_1).strip();
            String start = text.lines().findFirst().orElse("");
            return "not MARC: the input starts with '" + (start.length() > 40 ? start.substring(0, 40) + "…" : start)
                    + "', which is neither ISO 2709 nor MARCXML";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            hex.append(String.format("%02X ", head[i] & 0xFF));
        }
        return "not MARC: the input starts with the bytes " + hex.toString().strip()
                + ", which are neither ISO 2709 nor MARCXML";
    }
}
