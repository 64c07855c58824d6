package org.consortiumhub.catalog.holdings;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Availability of a copy, in the words ILL staff use whatever library system the member runs. */
public enum ItemStatus {

    AVAILABLE,
    CHECKED_OUT,
    IN_TRANSIT,
    ON_HOLD,
    /** Missing, lost, claimed returned or withdrawn. */
    MISSING,
    /** The copy stays in the library: library use only, reference, not for loan. */
    NOT_REQUESTABLE,
    /** Not on the shelf for a reason the export does not give, e.g. Alma's "item not in place", in processing. */
    UNAVAILABLE,
    UNKNOWN;

    /**
     * Status wording of the systems whose exports the hub reads, most specific first: "not available" before
     * "available", "not for loan" before "loan". Matched on whole words of the lower-cased text, with Alma's
     * process type codes (LOST_LOAN, TRANSIT_TO_REMOTE_STORAGE) read as words.
     */
    private static final List<Map.Entry<Pattern, ItemStatus>> WORDING = List.of(
            wording(NOT_REQUESTABLE, "library use only|in library use|lib use only|not for loan|non ?circulating"
                    + "|not requestable|reference only|reading room only|supervised use|nicht entlehnbar"),
            wording(MISSING, "missing|lost|withdrawn|discard|discarded|claims? returned|claimed returned|billed"
                    + "|vermisst|verloren"),
            wording(IN_TRANSIT, "in ?transit|transit"),
            wording(ON_HOLD, "on hold|held|holds?|hold ?shelf|on hold ?shelf|awaiting pickup"),
            wording(CHECKED_OUT, "checked ?out|charged|on loan|loaned|loan|ill|due|entliehen|ausgeliehen"),
            wording(UNAVAILABLE, "not available|unavailable|not in place|in process|in processing|on order"
                    + "|acquisition|in repair|bindery|binding|work order department|technical|nicht verf\u00fcgbar"),
            wording(AVAILABLE, "available|in place|on shelf|checked in|verf\u00fcgbar"));

    /** The status a free-text status from an export states, or UNKNOWN. */
    public static ItemStatus fromText(String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        String words = text.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').strip();
        // Polaris says just "In"
        if (words.equals("in")) {
            return AVAILABLE;
        }
        for (Map.Entry<Pattern, ItemStatus> w : WORDING) {
            if (w.getKey().matcher(words).find()) {
                return w.getValue();
            }
        }
        return UNKNOWN;
    }

    private static Map.Entry<Pattern, ItemStatus> wording(ItemStatus status, String alternatives) {
        return Map.entry(Pattern.compile("\\b(" + alternatives + ")\\b", Pattern.UNICODE_CHARACTER_CLASS), status);
    }
}
