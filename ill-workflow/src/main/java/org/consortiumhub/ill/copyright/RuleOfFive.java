package org.consortiumhub.ill.copyright;

import java.util.Locale;

/**
 * The US CONTU guidelines' "rule of five": in a calendar year a borrowing library may receive, under the guidelines
 * (CCG), at most five copies of articles from one journal title from issues published within the five years before the
 * request; the sixth needs the copyright owner's permission (or is made under the law otherwise, CCL). Older issues
 * are not counted.
 */
public final class RuleOfFive {

    public static final int LIMIT = 5;
    /** Issues this many years old or newer count. */
    public static final int RECENT_YEARS = 5;
    /** How long the records the rule counts are kept. */
    public static final int KEEP_YEARS = 3;

    /** What the rule says of one more copy. {@code counted}: whether it counts towards the title's five. */
    public record Decision(boolean counted, boolean allowed, int before, String reason) {
    }

    private RuleOfFive() {
    }

    /** Whether an issue of this year counts in this request year: published within the five years before the request. */
    public static boolean recent(Integer publicationYear, int requestYear) {
        return publicationYear != null && publicationYear > requestYear - RECENT_YEARS;
    }

    /**
     * The decision for one more CCG copy from an issue of {@code publicationYear}, when {@code before} copies of the
     * title were already made for the borrower this calendar year; {@code permission} when staff recorded the owner's
     * permission.
     */
    public static Decision decide(boolean ccg, Integer publicationYear, int requestYear, int before, boolean permission,
            String journal) {
        if (!ccg) {
            return new Decision(false, true, before, "made under copyright law (CCL), not the CONTU guidelines");
        }
        if (!recent(publicationYear, requestYear)) {
            return new Decision(false, true, before, publicationYear == null
                    ? "no publication year given: the rule of five cannot be applied"
                    : "the issue (" + publicationYear + ") is more than " + RECENT_YEARS + " years old");
        }
        if (before < LIMIT) {
            return new Decision(true, true, before, "copy " + (before + 1) + " of " + LIMIT + " from '" + journal + "' in "
                    + requestYear);
        }
        if (permission) {
            return new Decision(true, true, before, "copy " + (before + 1) + " from '" + journal + "' in " + requestYear
                    + ", beyond the rule of five, with the copyright owner's permission recorded");
        }
        return new Decision(true, false, before, "rule of five: " + before + " copies from '" + journal
                + "' (issues of the last " + RECENT_YEARS + " years) were already requested in " + requestYear
                + "; a sixth needs the copyright owner's permission (set copyrightPermission and say so in the notes)"
                + " or a request under copyright law (CCL)");
    }

    /** The key the rule counts by: the ISSN when there is one, else the normalised journal title. */
    public static String journalKey(String issn, String title) {
        if (issn != null && !issn.isBlank()) {
            String digits = issn.replaceAll("[^0-9Xx]", "").toUpperCase(Locale.ROOT);
            return "issn:" + digits;
        }
        return "title:" + (title == null ? "" : title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip());
    }
}
