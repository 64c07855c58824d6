package org.consortiumhub.catalog.match;

/** International Standard Serial Numbers, the serial's match point (022 $a). */
public final class Issn {

    private Issn() {
    }

    /**
     * The ISSN in its standard form {@code 1234-567X}, or null when the text holds no ISSN with a correct check
     * digit. Spaces and hyphens inside the number and text around it are ignored.
     */
    public static String normalize(String catalogued) {
        if (catalogued == null) {
            return null;
        }
        char[] d = StandardNumbers.characters(catalogued, 8, 8);
        if (d == null) {
            return null;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (8 - i) * (d[i] == 'X' ? 10 : d[i] - '0');
        }
        return sum % 11 == 0 ? new String(d, 0, 4) + '-' + new String(d, 4, 4) : null;
    }
}
