package org.consortiumhub.catalog.match;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Folding of descriptive text (titles, names, publishers) into the form records are compared in, and the
 * similarity measures used on that form.
 *
 * <p>Folding decomposes (NFKD), lower-cases, turns punctuation into single spaces and drops diacritics from
 * Latin, Greek, Cyrillic, Hebrew and Arabic letters, since members transcribe them inconsistently. Marks of other
 * scripts are kept: Devanagari vowel signs and viramas are part of the letters, and dropping them would make
 * different Nepali words equal.
 */
public final class MatchText {

    private MatchText() {
    }

    /** The folded form of a text: lower case letters and digits separated by single spaces; "" for null. */
    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String ascii = foldAscii(text);
        return ascii != null ? ascii : foldUnicode(Normalizer.normalize(text, Normalizer.Form.NFKD));
    }

    /** Most catalogued text is plain ASCII: folded without decomposition or script lookups; null when it is not. */
    private static String foldAscii(String text) {
        char[] out = new char[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                return null;
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                out[n++] = c;
            } else if (c >= 'A' && c <= 'Z') {
                out[n++] = (char) (c + ('a' - 'A'));
            } else if (n > 0 && out[n - 1] != ' ') {
                out[n++] = ' ';
            }
        }
        return new String(out, 0, n > 0 && out[n - 1] == ' ' ? n - 1 : n);
    }

    private static String foldUnicode(String decomposed) {
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean dropMarks = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                if (!dropMarks) {
                    out.appendCodePoint(cp);
                }
            } else if (type == Character.MODIFIER_LETTER || type == Character.MODIFIER_SYMBOL) {
                // romanisation's ayn and alif (ʻ ʼ) and spacing accents: transcribed by some members, not others
                continue;
            } else if (Character.isLetterOrDigit(cp)) {
                appendLetter(out, Character.toLowerCase(cp));
                dropMarks = cp < 0x250 || foldsDiacritics(Character.UnicodeScript.of(cp)); // below U+0250: Latin
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        int end = out.length();
        return end > 0 && out.charAt(end - 1) == ' ' ? out.substring(0, end - 1) : out.toString();
    }

    private static boolean foldsDiacritics(Character.UnicodeScript script) {
        return switch (script) {
            case LATIN, GREEK, CYRILLIC, HEBREW, ARABIC, COMMON -> true;
            default -> false;
        };
    }

    /** Letters that NFKD does not decompose but that members write with or without their stroke or ligature. */
    private static void appendLetter(StringBuilder out, int cp) {
        switch (cp) {
            case 'æ' -> out.append("ae");
            case 'œ' -> out.append("oe");
            case 'ß' -> out.append("ss");
            case 'þ' -> out.append("th");
            case 'ø' -> out.append('o');
            case 'đ', 'ð' -> out.append('d');
            case 'ł' -> out.append('l');
            case 'ı' -> out.append('i');
            default -> out.appendCodePoint(cp);
        }
    }

    /**
     * Sørensen-Dice coefficient over the character bigrams of two folded texts: 1 for equal texts, near 1 for
     * texts that differ by a typing slip, 0 for texts with nothing in common.
     */
    public static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        if (a.length() < 2 || b.length() < 2) {
            return 0;
        }
        int[] x = bigrams(a);
        int[] y = bigrams(b);
        int common = 0;
        for (int i = 0, j = 0; i < x.length && j < y.length; ) {
            if (x[i] == y[j]) {
                common++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * common / (x.length + y.length);
    }

    private static int[] bigrams(String s) {
        int[] grams = new int[s.length() - 1];
        for (int i = 0; i < grams.length; i++) {
            grams[i] = s.charAt(i) << 16 | s.charAt(i + 1);
        }
        Arrays.sort(grams);
        return grams;
    }

    /** Whether a folded text begins with all the words of another ("" begins every text). */
    public static boolean beginsWithWords(String folded, String start) {
        return folded.startsWith(start)
                && (start.isEmpty() || folded.length() == start.length() || folded.charAt(start.length()) == ' ');
    }

    /** How many words of one folded text the other lacks, whichever lacks more. */
    public static int differingWords(String a, String b) {
        Set<String> x = new HashSet<>(Arrays.asList(a.split(" ")));
        Set<String> y = new HashSet<>(Arrays.asList(b.split(" ")));
        int onlyInA = 0;
        for (String word : x) {
            onlyInA += y.contains(word) ? 0 : 1;
        }
        int onlyInB = 0;
        for (String word : y) {
            onlyInB += x.contains(word) ? 0 : 1;
        }
        return Math.max(onlyInA, onlyInB);
    }

    /**
     * The numbers in a folded text: in a title they name the part, volume or year ("part 1",
     * "report 2019-2020") that tells otherwise equal titles apart.
     */
    public static Set<String> numbers(String folded) {
        Set<String> numbers = Set.of();
        int start = 0;
        for (int i = 0; i <= folded.length(); i++) {
            if (i == folded.length() || folded.charAt(i) == ' ') {
                if (i > start && isDigits(folded, start, i)) {
                    numbers = numbers.isEmpty() ? new HashSet<>(4) : numbers;
                    numbers.add(folded.substring(start, i));
                }
                start = i + 1;
            }
        }
        return numbers;
    }

    private static boolean isDigits(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The share of the shorter text's words that the other text also has (overlap coefficient), for names
     * whose forms differ by words one member left out: "penguin" and "penguin books" overlap fully.
     */
    public static double wordOverlap(String a, String b) {
        String[] x = a.split(" ");
        String[] y = b.split(" ");
        String[] shorter = x.length <= y.length ? x : y;
        String[] longer = shorter == x ? y : x;
        int common = 0;
        for (String word : shorter) {
            for (String other : longer) {
                if (word.equals(other)) {
                    common++;
                    break;
                }
            }
        }
        return (double) common / shorter.length;
    }
}
