package org.consortiumhub.catalog.match;

/**
 * International Standard Book Numbers. Every valid ISBN, catalogued as ISBN-10 or ISBN-13, normalises to one
 * ISBN-13 so that a record with {@code 0-19-953556-6} and one with {@code 978-0-19-953556-9} share a match point,
 * and search finds either from either.
 */
public final class Isbn {

    private Isbn() {
    }

    /**
     * The ISBN-13 (13 digits, no hyphens) of an ISBN as catalogued in 020 $a or typed into a search box, or null
     * when it holds no ISBN with a correct check digit. Hyphens and spaces inside the number are ignored, and so
     * is text around it: {@code "0-19-953556-6 (pbk.)"}, {@code "9780199535569 (paperback)"},
     * {@code "019953556X : £5.99"}.
     */
    public static String normalize(String catalogued) {
        if (catalogued == null) {
            return null;
        }
        char[] digits = StandardNumbers.characters(catalogued, 10, 13);
        if (digits == null) {
            return null;
        }
        if (digits.length == 10) {
            return isValidIsbn10(digits) ? toIsbn13(digits) : null;
        }
        return isValidIsbn13(digits) ? new String(digits) : null;
    }

    private static boolean isValidIsbn10(char[] d) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (10 - i) * (d[i] == 'X' ? 10 : d[i] - '0');
        }
        return sum % 11 == 0;
    }

    private static boolean isValidIsbn13(char[] d) {
        if (d[0] != '9' || d[1] != '7' || d[2] != '8' && d[2] != '9') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            if (d[i] == 'X') {
                return false; // an X check character belongs to ISBN-10 only
            }
            sum += (d[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return sum % 10 == 0;
    }

    private static String toIsbn13(char[] isbn10) {
        char[] d = new char[13];
        d[0] = '9';
        d[1] = '7';
        d[2] = '8';
        System.arraycopy(isbn10, 0, d, 3, 9);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (d[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }
        d[12] = (char) ('0' + (10 - sum % 10) % 10);
        return new String(d);
    }
}
