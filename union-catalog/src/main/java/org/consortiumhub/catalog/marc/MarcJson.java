package org.consortiumhub.catalog.marc;

/**
 * Writes records as MARC-in-JSON, the code4lib format web clients and discovery layers read: {@code {"leader":"…",
 * "fields":[{"001":"…"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"…"}]}}]}}.
 */
public final class MarcJson {

    private MarcJson() {
    }

    public static String write(MarcRecord record) {
        StringBuilder json = new StringBuilder(4096).append("{\"leader\":");
        string(json, Iso2709.storedLeader(record.leader(), record.controlFields(), record.dataFields()));
        json.append(",\"fields\":[");
        boolean first = true;
        for (ControlField f : record.controlFields()) {
            json.append(first ? "{" : ",{");
            first = false;
            string(json, f.tag()).append(':');
            string(json, f.value()).append('}');
        }
        for (DataField f : record.dataFields()) {
            json.append(first ? "{" : ",{");
            first = false;
            string(json, f.tag()).append(":{\"ind1\":");
            string(json, String.valueOf(f.ind1())).append(",\"ind2\":");
            string(json, String.valueOf(f.ind2())).append(",\"subfields\":[");
            for (int i = 0; i < f.subfields().size(); i++) {
                Subfield s = f.subfields().get(i);
                json.append(i == 0 ? "{" : ",{");
                string(json, String.valueOf(s.code())).append(':');
                string(json, s.value()).append('}');
            }
            json.append("]}}");
        }
        return json.append("]}").toString();
    }

    private static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    // U+2028 and U+2029 end lines in JavaScript, where this JSON may be embedded
                    if (c < ' ' || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
