package org.consortiumhub.catalog.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns catalogue text and search words into the same tokens, so "Émile" finds "emile" and a query in Hebrew or
 * Devanagari finds records in those scripts: case folded, compatibility-decomposed, combining marks dropped
 * (except the vowel signs that scripts such as Devanagari need to spell words), split on anything that is not a
 * letter or digit.
 */
public final class SearchText {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}\\p{Mc}\\p{Mn}]+");
    private static final int MAX_TOKEN = 60;

    private SearchText() {
    }

    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return tokens;
        }
        if (isAscii(text)) {
            asciiTokens(text, tokens);
            return tokens;
        }
        return unicodeTokens(text);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same tokens for text in ASCII alone (most titles, names and every identifier), without the Unicode
     * normalisation and the pattern: folding leaves ASCII as it is but for case, and its only letters and digits are
     * A-Z, a-z and 0-9.
     */
    private static void asciiTokens(String text, List<String> tokens) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean word = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                String raw = text.substring(start, Math.min(i, start + MAX_TOKEN)).toLowerCase(java.util.Locale.ROOT);
                tokens.add(raw);
                start = -1;
            }
        }
    }

    /** The tokens by the general route, for any text; {@link #tokens} takes a shorter one for ASCII. */
    static List<String> unicodeTokens(String text) {
        List<String> tokens = new ArrayList<>();
        for (String raw : NON_WORD.split(fold(text))) {
            if (!raw.isEmpty()) {
                tokens.add(raw.length() > MAX_TOKEN ? raw.substring(0, MAX_TOKEN) : raw);
            }
        }
        return tokens;
    }

    /**
     * The tokens as a PostgreSQL tsquery literal in which every token must occur, the last one also as a prefix
     * (so "pride prej" finds "pride and prejudice"). Tokens are letters and digits only, so quoting is safe.
     */
    public static String allOf(List<String> tokens) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                q.append(" & ");
            }
            q.append('\'').append(tokens.get(i)).append('\'');
            if (i == tokens.size() - 1) {
                q.append(":*");
            }
        }
        return q.toString();
    }

    /**
     * Latin, Greek and Cyrillic diacritics, Hebrew points and Arabic vowel marks are left out (searchers rarely
     * type them); the vowel signs of Indic scripts are part of the spelling and stay.
     */
    private static boolean isDroppedMark(char c) {
        return c >= 0x0300 && c <= 0x036F || c >= 0x0591 && c <= 0x05C7 || c >= 0x064B && c <= 0x065F;
    }

    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (isDroppedMark(c)) {
                continue;
            }
            out.append(Character.toLowerCase(c));
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }
}
