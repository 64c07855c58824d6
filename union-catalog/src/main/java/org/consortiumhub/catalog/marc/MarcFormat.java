package org.consortiumhub.catalog.marc;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The record formats members send; gzip around either is recognised on its own. */
public enum MarcFormat {

    /** ISO 2709 ("MARC 21 transmission format"), each record in UTF-8 or MARC-8 as its leader/09 says. */
    ISO_2709,

    /** MARCXML: MARC21 slim records, under a {@code collection} or alone. */
    MARCXML;

    /** The format the first bytes of an input show, or null when they show neither (or an HTML page). */
    static MarcFormat sniff(byte[] head, int length) {
        int i = skipWhiteSpace(head, 0, length);
        if (i + 5 <= length && Iso2709Decoder.number(head, i, 5) >= 0) {
            return ISO_2709;
        }
        if (utf16ByteOrderMark(head, length)) {
            return MARCXML;
        }
        int x = skipWhiteSpace(head, utf8ByteOrderMark(head, length) ? 3 : 0, length);
        return x < length && head[x] == '<' && !isHtml(head, length) ? MARCXML : null;
    }

    /** True when the input is a web page, such as the login or error page a server returns instead of a file. */
    static boolean isHtml(byte[] head, int length) {
        int i = skipWhiteSpace(head, utf8ByteOrderMark(head, length) ? 3 : 0, length);
        String start = new String(head, i, Math.min(length - i, 20), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        return start.startsWith("<html") || start.startsWith("<!doctype html");
    }

    static boolean utf8ByteOrderMark(byte[] head, int length) {
        return length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
    }

    static boolean utf16ByteOrderMark(byte[] head, int length) {
        int first = length >= 2 ? head[0] & 0xFF : 0;
        int second = length >= 2 ? head[1] & 0xFF : 0;
        return first == 0xFE && second == 0xFF || first == 0xFF && second == 0xFE;
    }

    private static int skipWhiteSpace(byte[] head, int from, int length) {
        int i = from;
        while (i < length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
            i++;
        }
        return i;
    }
}
