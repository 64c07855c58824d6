package org.consortiumhub.catalog.marc;

/** Writes records as MARCXML (MARC21 slim), for OAI-PMH and SRU responses and for members that load XML. */
public final class MarcXml {

    public static final String NAMESPACE = "http://www.loc.gov/MARC21/slim";

    private MarcXml() {
    }

    /**
     * The record as a {@code record} element in the MARC21 slim namespace, without an XML declaration so that it can
     * stand alone or go inside a collection or a protocol response. Characters XML 1.0 cannot carry (control
     * characters other than tab and line feed) are written as U+FFFD; a carriage return is kept as {@code &#13;}.
     */
    public static String write(MarcRecord record) {
        StringBuilder xml = new StringBuilder(4096).append("<record xmlns=\"").append(NAMESPACE).append("\">");
        String leader = Iso2709.storedLeader(record.leader(), record.controlFields(), record.dataFields());
        xml.append("<leader>").append(leader).append("</leader>");
        for (ControlField f : record.controlFields()) {
            xml.append("<controlfield tag=\"");
            escape(xml, f.tag()).append("\">");
            escape(xml, f.value()).append("</controlfield>");
        }
        for (DataField f : record.dataFields()) {
            xml.append("<datafield tag=\"");
            escape(xml, f.tag()).append("\" ind1=\"");
            escape(xml, String.valueOf(f.ind1())).append("\" ind2=\"");
            escape(xml, String.valueOf(f.ind2())).append("\">");
            for (Subfield s : f.subfields()) {
                xml.append("<subfield code=\"");
                escape(xml, String.valueOf(s.code())).append("\">");
                escape(xml, s.value()).append("</subfield>");
            }
            xml.append("</datafield>");
        }
        return xml.append("</record>").toString();
    }

    private static StringBuilder escape(StringBuilder xml, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                case '\r' -> xml.append("&#13;");
                default -> {
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1));
                    if (pair) {
                        xml.append(c).append(text.charAt(++i));
                    } else if (c < ' ' && c != '\t' && c != '\n' || Character.isSurrogate(c) || c >= 0xFFFE) {
                        xml.append('\uFFFD');
                    } else {
                        xml.append(c);
                    }
                }
            }
        }
        return xml;
    }
}
