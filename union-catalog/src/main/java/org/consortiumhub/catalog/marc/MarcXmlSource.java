package org.consortiumhub.catalog.marc;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads MARCXML with the JDK's StAX parser, hardened: a document with a DOCTYPE is refused before parsing, and the
 * parser itself neither reads DTDs nor resolves external entities, so no file or URL is ever fetched.
 *
 * <p>Elements are matched by local name, whatever their namespace: real exports use the MARC21 slim namespace, none,
 * or a mistyped one ({@code htt//www.loc.gov/MARC21/slim}). The document is parsed inside a root of our own, so files
 * of bare {@code record} elements one after the other (Evergreen writes those) read as well as a {@code collection}.
 */
final class MarcXmlSource implements RecordSource {

    private static final String REFUSED_DOCTYPE = "refused: the XML has a DOCTYPE declaration. MARCXML never needs"
            + " one, and the hub does not read DTDs because their entities can pull in other files";
    private static final Pattern DECLARED_ENCODING = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([^\"']+)");

    private final BufferedInputStream in;
    private XMLStreamReader xml;
    private Charset charset = StandardCharsets.UTF_8;
    private int position;
    private int depth;
    private boolean inRecord;
    private boolean stopped;

    MarcXmlSource(BufferedInputStream in) {
        this.in = in;
    }

    @Override
    public ReadResult next() {
        if (stopped) {
            return null;
        }
        try {
            if (xml == null) {
                xml = parser(wrapped());
            }
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == END_ELEMENT) {
                    depth--;
                } else if (event == START_ELEMENT) {
                    depth++;
                    String name = xml.getLocalName();
                    // depth 1 is our own root, 2 the document's root elements, 3 the records in a collection
                    if (name.equals("record") && depth <= 3) {
                        return record();
                    }
                    if (depth == 2 && !name.equals("collection")) {
                        stopped = true;
                        return RecordProblem.ofInput(position + 1, "not MARCXML: the document's root element is <"
                                + qualifiedName() + ">, not <collection> or <record>");
                    }
                    if (depth > 2) {
                        skip();
                        depth--;
                    }
                }
            }
            stopped = true;
            return null;
        } catch (MarcFormatException e) {
            stopped = true;
            return RecordProblem.ofInput(position + 1, e.getMessage());
        } catch (IOException e) {
            stopped = true;
            return RecordProblem.unreadable(position + 1, e);
        } catch (XMLStreamException e) {
            stopped = true;
            int at = inRecord ? position : position + 1;
            IOException io = ioCause(e);
            return io == null || io instanceof CharacterCodingException ? RecordProblem.of(at, null, notReadable(e))
                    : RecordProblem.unreadable(at, io);
        }
    }

    private ReadResult record() throws XMLStreamException {
        position++;
        inRecord = true;
        String leader = null;
        String problem = null;
        List<ControlField> controlFields = new ArrayList<>();
        List<DataField> dataFields = new ArrayList<>();
        while (xml.next() != END_ELEMENT) {
            if (xml.getEventType() != START_ELEMENT) {
                continue;
            }
            switch (xml.getLocalName()) {
                case "leader" -> leader = text();
                case "controlfield" -> {
                    String tag = xml.getAttributeValue(null, "tag");
                    String value = text();
                    if (isTag(tag)) {
                        controlFields.add(new ControlField(tag, value));
                    } else {
                        problem = firstOf(problem, "a control field has the tag '" + tag
                                + "', which is not a MARC tag");
                    }
                }
                case "datafield" -> problem = firstOf(problem, dataField(dataFields));
                default -> skip();
            }
        }
        depth--;
        inRecord = false;
        if (leader == null) {
            problem = firstOf(problem, "the record has no leader");
        }
        if (controlFields.isEmpty() && dataFields.isEmpty()) {
            problem = firstOf(problem, "the record has no fields");
        }
        if (problem != null) {
            return RecordProblem.of(position, new MarcRecord("", controlFields, List.of()).controlNumber(), problem);
        }
        String stored = Iso2709.storedLeader(leader, controlFields, dataFields);
        return new ReadRecord(position, new MarcRecord(stored, controlFields, dataFields), List.of());
    }

    /** Reads a data field into the list; returns what is wrong with it, or null. */
    private String dataField(List<DataField> dataFields) throws XMLStreamException {
        String tag = xml.getAttributeValue(null, "tag");
        String ind1 = xml.getAttributeValue(null, "ind1");
        String ind2 = xml.getAttributeValue(null, "ind2");
        String problem = isTag(tag) ? null : "a data field has the tag '" + tag + "', which is not a MARC tag";
        List<Subfield> subfields = new ArrayList<>();
        while (xml.next() != END_ELEMENT) {
            if (xml.getEventType() == START_ELEMENT && xml.getLocalName().equals("subfield")) {
                String code = xml.getAttributeValue(null, "code");
                String value = text();
                // a blank code is a cataloguing slip (Alma lets one be saved), kept as in ISO 2709
                if (code != null && code.length() == 1 && code.charAt(0) >= ' ' && code.charAt(0) < 0x7F) {
                    subfields.add(new Subfield(code.charAt(0), value));
                } else {
                    problem = firstOf(problem, "field " + tag + " has a subfield with the code '" + code
                            + "', which is not a single letter, digit, sign or blank");
                }
            } else if (xml.getEventType() == START_ELEMENT) {
                skip();
            }
        }
        if (!isIndicator(ind1) || !isIndicator(ind2)) {
            problem = firstOf(problem, "field " + tag + " has the indicators '" + ind1 + "' and '" + ind2
                    + "'; each must be one letter, digit or blank");
        }
        if (problem == null) {
            dataFields.add(new DataField(tag, indicator(ind1), indicator(ind2), subfields));
        }
        return problem;
    }

    /** The element's text, in NFC like every value the hub keeps; stray markup inside it is skipped. */
    private String text() throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        for (int event = xml.next(); event != END_ELEMENT; event = xml.next()) {
            if (event == CHARACTERS || event == CDATA || event == SPACE) {
                text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
            } else if (event == START_ELEMENT) {
                skip();
            }
        }
        String s = text.toString();
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Skips the element just started, with everything in it. */
    private void skip() throws XMLStreamException {
        for (int open = 1; open > 0;) {
            int event = xml.next();
            open += event == START_ELEMENT ? 1 : event == END_ELEMENT ? -1 : 0;
        }
    }

    private static boolean isTag(String tag) {
        return tag != null && tag.length() == 3 && tag.chars().allMatch(Character::isLetterOrDigit);
    }

    /** Real exports write a blank indicator as ind1="" as often as ind1=" ". */
    private static boolean isIndicator(String ind) {
        return ind == null || ind.isEmpty() || ind.length() == 1 && ind.charAt(0) >= ' ' && ind.charAt(0) < 0x7F;
    }

    private static char indicator(String ind) {
        return ind == null || ind.isEmpty() ? ' ' : ind.charAt(0);
    }

    private static String firstOf(String problem, String another) {
        return problem != null ? problem : another;
    }

    private String qualifiedName() {
        String prefix = xml.getPrefix();
        return prefix == null || prefix.isEmpty() ? xml.getLocalName() : prefix + ":" + xml.getLocalName();
    }

    private String notReadable(XMLStreamException e) {
        Location at = e.getLocation();
        // our own start tag has a line to itself
        String where = at == null || at.getLineNumber() < 2 ? ""
                : " at line " + (at.getLineNumber() - 1) + ", column " + at.getColumnNumber();
        if (ioCause(e) instanceof CharacterCodingException) {
            return "the file is not valid " + charset.name() + where + "; nothing after this point can be read";
        }
        String message = String.valueOf(e.getMessage());
        int detail = message.indexOf("Message: ");
        return "the XML is not well-formed" + where + " (" + (detail < 0 ? message : message.substring(detail + 9))
                + "); nothing after this point can be read";
    }

    /** The input's own failure behind a parser error, if that is what it was. */
    private static IOException ioCause(XMLStreamException e) {
        for (Throwable t = e; t != null; t = t instanceof XMLStreamException x && x.getNestedException() != null
                ? x.getNestedException() : t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static XMLStreamReader parser(Reader document) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory.createXMLStreamReader(document);
    }

    /**
     * The document as characters inside a root of our own: the byte order mark and XML declaration are read here
     * (to choose the character set), comments and processing instructions before the first element are dropped, and
     * a DOCTYPE is refused.
     */
    private Reader wrapped() throws IOException, MarcFormatException {
        in.mark(1024);
        byte[] head = in.readNBytes(1024);
        in.reset();
        int skip = 0;
        if (MarcFormat.utf8ByteOrderMark(head, head.length)) {
            skip = 3;
        } else if (MarcFormat.utf16ByteOrderMark(head, head.length)) {
            charset = (head[0] & 0xFF) == 0xFE ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
            skip = 2;
        } else {
            Matcher declared = DECLARED_ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
            if (declared.find()) {
                charset = charset(declared.group(1));
            }
        }
        in.skipNBytes(skip);
        PushbackReader document = new PushbackReader(new InputStreamReader(in, charset.newDecoder()), 3);
        return new EnclosedReader(skipProlog(document), document);
    }

    private static Charset charset(String name) throws MarcFormatException {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new MarcFormatException("the XML declares the character set '" + name
                    + "', which the hub cannot read; send UTF-8");
        }
    }

    /**
     * Reads up to the first element and returns what must stand in front of it to keep it on its line and column:
     * the parser then reports positions as in the member's file, one line down for our own start tag.
     */
    private static String skipProlog(PushbackReader document) throws IOException, MarcFormatException {
        Prolog r = new Prolog(document);
        while (true) {
            int c = r.read();
            while (Character.isWhitespace(c)) {
                c = r.read();
            }
            if (c == '<') {
                int d = r.read();
                if (d == '?') {
                    r.skipPast("?>");
                    continue;
                }
                if (d == '!') {
                    int e = r.read();
                    if (e == '-') {
                        r.skipPast("-->");
                        continue;
                    }
                    if (e == 'D' || e == 'd') {
                        throw new MarcFormatException(REFUSED_DOCTYPE);
                    }
                    r.unread(e);
                }
                r.unread(d);
            }
            r.unread(c);
            return "\n".repeat(r.line) + " ".repeat(r.column - 1);
        }
    }

    /** The characters before the first element, read one by one while counting lines and columns. */
    private static final class Prolog {

        private final PushbackReader in;
        int line = 1;
        int column = 1;

        Prolog(PushbackReader in) {
            this.in = in;
        }

        int read() throws IOException {
            int c = in.read();
            if (c == '\n') {
                line++;
                column = 1;
            } else if (c >= 0) {
                column++;
            }
            return c;
        }

        void unread(int c) throws IOException {
            if (c >= 0) {
                in.unread(c);
                column--;
            }
        }

        void skipPast(String end) throws IOException {
            int matched = 0;
            while (matched < end.length()) {
                int c = read();
                if (c < 0) {
                    return;
                }
                matched = c == end.charAt(matched) ? matched + 1 : c == end.charAt(0) ? 1 : 0;
            }
        }
    }

    /** The document between a start and an end tag of our own, so that several root elements are one document. */
    private static final class EnclosedReader extends Reader {

        private final Reader[] parts;
        private int current;

        EnclosedReader(String lead, Reader document) {
            parts = new Reader[] {new StringReader("<marc-input>" + lead), document, new StringReader("</marc-input>")};
        }

        @Override
        public int read(char[] target, int off, int len) throws IOException {
            while (current < parts.length) {
                int n = parts[current].read(target, off, len);
                if (n >= 0) {
                    return n;
                }
                current++;
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            parts[1].close();
        }
    }
}
