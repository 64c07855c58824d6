package org.consortiumhub.catalog.match;

import java.util.regex.Pattern;

/**
 * Library of Congress Control Numbers (010 $a), normalised by the Library of Congress's own rules
 * (https://www.loc.gov/marc/lccn-namespace.html) so that {@code "n 78-890351 "} and {@code "n78890351"} match.
 */
public final class Lccn {

    /** A prefix of up to three letters and an 8-digit number, or up to two letters and a 10-digit number. */
    private static final Pattern NORMALIZED = Pattern.compile("[a-z]{0,3}\\d{8}|[a-z]{0,2}\\d{10}");

    private Lccn() {
    }

    /**
     * The normalised LCCN, or null when the text is not an LCCN: blanks removed; a slash and all after it
     * removed ({@code "75-425165//r75"}); at a hyphen, the hyphen removed and the serial number after it padded
     * with zeros to six digits ({@code "85-2"} → {@code "85000002"}).
     */
    public static String normalize(String catalogued) {
        if (catalogued == null) {
            return null;
        }
        String v = catalogued.replace(" ", "").replace("\u00a0", "").toLowerCase();
        int slash = v.indexOf('/');
        if (slash >= 0) {
            v = v.substring(0, slash);
        }
        int hyphen = v.indexOf('-');
        if (hyphen >= 0) {
            String serial = v.substring(hyphen + 1);
            if (serial.length() > 6) {
                return null;
            }
            v = v.substring(0, hyphen) + "0".repeat(6 - serial.length()) + serial;
        }
        return NORMALIZED.matcher(v).matches() ? v : null;
    }
}
