package org.consortiumhub.catalog.store;

/**
 * JSON written by hand where the catalog writes many small documents of a fixed shape (holdings, for every record and
 * cluster it stores): a general encoder costs more to set up per document than the document costs to write.
 */
public final class JsonText {

    private JsonText() {
    }

    /** Appends {@code s} as a JSON string: quotes, backslashes and control characters escaped. */
    public static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
