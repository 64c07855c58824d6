package org.consortiumhub.hub.console;

import java.math.BigDecimal;

/** How the console reads what staff type into forms and writes amounts back to them. */
final class FormText {

    private FormText() {
    }

    /** A form field as typed, trimmed; an absent field is empty. */
    static String text(String s) {
        return s == null ? "" : s.strip();
    }

    /** A form field as typed, trimmed; blank is null (not given). */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** An amount in minor units as people read it, e.g. {@code 1,234.50 USD}; a dash when there is none. */
    static String money(Number minor, String currency) {
        if (minor == null) {
            return "–";
        }
        return String.format("%,.2f %s", BigDecimal.valueOf(minor.longValue()).movePointLeft(2), currency);
    }
}
