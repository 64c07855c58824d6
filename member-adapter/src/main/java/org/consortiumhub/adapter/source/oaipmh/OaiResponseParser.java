package org.consortiumhub.adapter.source.oaipmh;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.consortiumhub.adapter.xml.SafeXml;
import org.consortiumhub.catalog.marc.MarcXml;

/** Reads OAI-PMH answers: errors, Identify, and ListRecords pages with MARCXML metadata. */
final class OaiResponseParser {

    static final String OAI = "http://www.openarchives.org/OAI/2.0/";

    private OaiResponseParser() {
    }

    /** What Identify says about harvesting: how precise datestamps are, and the oldest one. */
    record Identity(String repositoryName, String granularity, String earliestDatestamp, String deletedRecord) {

        boolean secondsGranularity() {
            return granularity != null && granularity.contains("hh");
        }
    }

    /** A page that is not well-formed XML, or not an OAI-PMH answer. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    static Identity identify(byte[] body) throws OaiError, Unreadable {
        String[] values = new String[4];
        read(body, (xml, depth) -> {
            switch (xml.getLocalName()) {
                case "repositoryName" -> values[0] = xml.getElementText().strip();
                case "granularity" -> values[1] = xml.getElementText().strip();
                case "earliestDatestamp" -> values[2] = xml.getElementText().strip();
                case "deletedRecord" -> values[3] = xml.getElementText().strip();
                default -> {
                }
            }
        });
        return new Identity(values[0], values[1], values[2], values[3]);
    }

    static List<String> metadataPrefixes(byte[] body) throws OaiError, Unreadable {
        List<String> prefixes = new ArrayList<>();
        read(body, (xml, depth) -> {
            if (xml.getLocalName().equals("metadataPrefix")) {
                prefixes.add(xml.getElementText().strip());
            }
        });
        return prefixes;
    }

    static OaiPage listRecords(byte[] body) throws OaiError, Unreadable {
        List<OaiPage.OaiRecord> records = new ArrayList<>();
        String[] responseDate = new String[1];
        String[] token = new String[1];
        long[] size = { -1 };
        read(body, (xml, depth) -> {
            switch (xml.getLocalName()) {
                case "responseDate" -> responseDate[0] = xml.getElementText().strip();
                case "record" -> {
                    if (OAI.equals(xml.getNamespaceURI())) {
                        records.add(record(xml));
                    }
                }
                case "resumptionToken" -> {
                    String listSize = xml.getAttributeValue(null, "completeListSize");
                    if (listSize != null && listSize.strip().matches("\\d{1,18}")) {
                        size[0] = Long.parseLong(listSize.strip());
                    }
                    token[0] = xml.getElementText().strip();
                }
                default -> {
                }
            }
        });
        return new OaiPage(responseDate[0], records, token[0], size[0]);
    }

    /** Reads one OAI record element, leaving the reader on its end tag. */
    private static OaiPage.OaiRecord record(XMLStreamReader xml) throws XMLStreamException {
        String identifier = null;
        String datestamp = null;
        boolean deleted = false;
        String marcXml = null;
        String problem = null;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "header" -> {
                        deleted = "deleted".equals(xml.getAttributeValue(null, "status"));
                        depth++;
                    }
                    case "identifier" -> identifier = xml.getElementText().strip();
                    case "datestamp" -> datestamp = xml.getElementText().strip();
                    case "metadata" -> {
                        String[] result = metadata(xml);
                        marcXml = result[0];
                        problem = result[1];
                    }
                    default -> SafeXml.skip(xml);
                }
            }
        }
        return new OaiPage.OaiRecord(identifier, datestamp, deleted, marcXml, problem);
    }

    /** The MARC record inside metadata as a MARCXML document, or why there is none; leaves the reader on its end. */
    private static String[] metadata(XMLStreamReader xml) throws XMLStreamException {
        String marc = null;
        String problem = "the record has no metadata";
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (marc == null && xml.getLocalName().equals("record") && MarcXml.NAMESPACE.equals(xml.getNamespaceURI())) {
                StringBuilder out = new StringBuilder(4096);
                String damagedIn = copy(xml, out);
                marc = out.toString();
                problem = damagedIn == null ? null
                        : "its text has bytes that are not valid UTF-8 (or characters XML does not allow) in "
                                + damagedIn + "; fix the record's encoding in the library system";
            } else {
                if (marc == null) {
                    problem = "its metadata is <" + xml.getLocalName() + ">, not a MARC 21 record: set "
                            + "adapter.oai.metadata-prefix to the server's MARC format (marc21 or marcxml)";
                }
                SafeXml.skip(xml);
            }
        }
        return new String[] { problem == null ? marc : null, problem };
    }

    /**
     * Writes the element the reader is on, and everything inside it, as MARCXML; returns the field whose text was
     * damaged (e.g. "field 245"), or null.
     */
    private static String copy(XMLStreamReader xml, StringBuilder out) throws XMLStreamException {
        String damagedIn = null;
        String field = "the leader";
        int depth = 0;
        do {
            int event = depth == 0 ? xml.getEventType() : xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    out.append('<').append(xml.getLocalName());
                    if (depth == 1) {
                        out.append(" xmlns=\"").append(MarcXml.NAMESPACE).append('"');
                    }
                    for (int i = 0; i < xml.getAttributeCount(); i++) {
                        if (xml.getAttributeNamespace(i) == null || xml.getAttributeNamespace(i).isEmpty()) {
                            out.append(' ').append(xml.getAttributeLocalName(i)).append("=\"");
                            escape(xml.getAttributeValue(i), out).append('"');
                        }
                    }
                    out.append('>');
                    String tag = xml.getAttributeValue(null, "tag");
                    if (tag != null) {
                        field = "field " + tag;
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    out.append("</").append(xml.getLocalName()).append('>');
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    String text = xml.getText();
                    if (damagedIn == null && text.indexOf(SafeXml.DAMAGED) >= 0) {
                        damagedIn = field;
                    }
                    escape(text, out);
                }
                default -> {
                }
            }
        } while (depth > 0);
        return damagedIn;
    }

    private static StringBuilder escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface ElementHandler {
        void element(XMLStreamReader xml, int depth) throws XMLStreamException;
    }

    /** Walks an OAI-PMH answer, handing each element under the root to the handler; errors become an OaiError. */
    private static void read(byte[] body, ElementHandler handler) throws OaiError, Unreadable {
        List<OaiError> errors = new ArrayList<>();
        try {
            XMLStreamReader xml = SafeXml.read(body);
            if (xml.nextTag() != XMLStreamConstants.START_ELEMENT || !xml.getLocalName().equals("OAI-PMH")) {
                throw new Unreadable("the answer is not an OAI-PMH response (it starts with <" + xml.getLocalName()
                        + ">); check adapter.oai.url");
            }
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    if (xml.getLocalName().equals("error")) {
                        String code = xml.getAttributeValue(null, "code");
                        errors.add(new OaiError(code == null ? "unknown" : code, xml.getElementText()));
                    } else {
                        handler.element(xml, 0);
                    }
                }
            }
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
            String reason = e.getMessage() == null ? "" : e.getMessage().replaceFirst("(?s)^ParseError at \\[.*?\\]\\s*Message:\\s*", "");
            throw new Unreadable("the answer is not well-formed XML" + where + " (" + reason.strip() + ")");
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }
}
