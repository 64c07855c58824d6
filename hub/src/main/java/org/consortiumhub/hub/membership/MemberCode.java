package org.consortiumhub.hub.membership;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks ISIL-style library symbols (ISO 15511): a prefix of one to four letters or digits (a country code
 * such as {@code US}, or a non-country prefix), a hyphen, then the library's own identifier made of
 * letters, digits and {@code - / : .}; sixteen characters in all at most. Examples: {@code US-NjP},
 * {@code DE-101}, {@code GB-UkOxU}.
 */
public final class MemberCode {

    public static final int MAX_LENGTH = 16;
    private static final Pattern ISIL = Pattern.compile("^[A-Za-z0-9]{1,4}-[A-Za-z0-9/:.\\-]{1,11}$");

    private MemberCode() {
    }

    /** Why the code is not an ISIL-style symbol, or empty when it is one. */
    public static Optional<String> problemWith(String code) {
        if (code == null || code.isBlank()) {
            return Optional.of("is required");
        }
        if (code.length() > MAX_LENGTH) {
            return Optional.of("'" + code + "' is longer than " + MAX_LENGTH + " characters");
        }
        if (!ISIL.matcher(code).matches()) {
            return Optional.of("'" + code + "' is not an ISIL-style symbol: expected a prefix of 1-4 letters or digits,"
                    + " a hyphen, and up to 11 letters, digits or - / : . (e.g. US-NjP)");
        }
        return Optional.empty();
    }
}
