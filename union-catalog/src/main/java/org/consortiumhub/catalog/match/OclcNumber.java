package org.consortiumhub.catalog.match;

/**
 * WorldCat (OCLC) control numbers, the strongest match point: two libraries that attached the same OCLC number
 * described the same manifestation. The normalised form is the number without prefixes and leading zeros.
 */
public final class OclcNumber {

    private static final String ORGANIZATION_CODE = "(OCoLC)";

    private OclcNumber() {
    }

    /**
     * The OCLC number in a system control number (035 $a), or null when the number is another institution's.
     * OCLC's own numbers carry the MARC organisation code {@code (OCoLC)} or one of the prefixes OCLC puts on
     * the numbers it distributes ({@code ocm}, {@code ocn}, {@code on}).
     */
    public static String fromSystemControlNumber(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        boolean oclc = v.regionMatches(true, 0, ORGANIZATION_CODE, 0, ORGANIZATION_CODE.length())
                || startsWithOclcPrefix(v);
        return oclc ? normalize(v) : null;
    }

    /**
     * The OCLC number as digits without leading zeros, from a catalogued or typed form: {@code (OCoLC)ocm00012345},
     * {@code ocn12345}, {@code 12345}. Null when the text is not an OCLC number.
     */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.regionMatches(true, 0, ORGANIZATION_CODE, 0, ORGANIZATION_CODE.length())) {
            v = v.substring(ORGANIZATION_CODE.length()).strip();
        }
        v = v.substring(prefixLength(v));
        int start = 0;
        while (start < v.length() && v.charAt(start) == '0') {
            start++;
        }
        if (start == v.length()) {
            return null;
        }
        for (int i = start; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return null;
            }
        }
        return v.substring(start);
    }

    private static boolean startsWithOclcPrefix(String v) {
        return prefixLength(v) > 0 && v.length() > prefixLength(v) && Character.isDigit(v.charAt(prefixLength(v)));
    }

    private static int prefixLength(String v) {
        if (v.regionMatches(true, 0, "ocm", 0, 3) || v.regionMatches(true, 0, "ocn", 0, 3)) {
            return 3;
        }
        return v.regionMatches(true, 0, "on", 0, 2) ? 2 : 0;
    }
}
