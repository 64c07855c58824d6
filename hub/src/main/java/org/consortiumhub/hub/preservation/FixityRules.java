package org.consortiumhub.hub.preservation;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules of digital preservation duties, as plain functions: what a digest must look like, what a reported
 * check means, when the next one is due, and what makes a content unit need attention.
 */
public final class FixityRules {

    /** Hex digits of each digest algorithm's value. */
    public static final Map<String, Integer> HEX_LENGTH = Map.of("MD5", 32, "SHA-1", 40, "SHA-256", 64, "SHA-512", 128);

    public enum Outcome { OK, MISMATCH, MISSING, ERROR }

    public enum Flag { OVERDUE_CHECK, FAILED_CHECK, BELOW_TARGET }

    /** A copy as the rules see it: its last outcome (null before the first check) and when its next check is due. */
    public record CopyState(Outcome lastOutcome, LocalDate nextDue) {
    }

    private FixityRules() {
    }

    /** The digest in lower case, or an explanation of why it is not a digest of that algorithm. */
    public static String normalizeDigest(String algorithm, String value) {
        Integer length = HEX_LENGTH.get(algorithm);
        if (length == null) {
            throw new IllegalArgumentException("'" + algorithm + "' is not a digest algorithm the hub knows (" + HEX_LENGTH.keySet() + ")");
        }
        String hex = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]+") || hex.length() != length) {
            throw new IllegalArgumentException("'" + value + "' is not a " + algorithm + " digest: expected " + length
                    + " hexadecimal digits");
        }
        return hex;
    }

    /** A check that computed a digest other than the recorded one found a mismatch, whatever it said. */
    public static Outcome effectiveOutcome(Outcome reported, String recordedDigest, String computedDigest) {
        if (computedDigest != null && !computedDigest.equalsIgnoreCase(recordedDigest)) {
            return Outcome.MISMATCH;
        }
        return reported;
    }

    /** A sound copy is next checked an interval later; a copy that failed is due again at once. */
    public static LocalDate nextDue(Outcome outcome, LocalDate checked, int intervalDays) {
        return outcome == Outcome.OK ? checked.plusDays(intervalDays) : checked;
    }

    /** A copy is sound until a check finds it damaged, missing or unreadable. */
    public static boolean isSound(CopyState copy) {
        return copy.lastOutcome() == null || copy.lastOutcome() == Outcome.OK;
    }

    public static boolean isOverdue(CopyState copy, LocalDate today) {
        return copy.nextDue().isBefore(today);
    }

    public static Set<Flag> flags(int targetCopies, List<CopyState> copies, LocalDate today) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        long sound = copies.stream().filter(FixityRules::isSound).count();
        if (sound < targetCopies) {
            flags.add(Flag.BELOW_TARGET);
        }
        if (copies.stream().anyMatch(c -> isOverdue(c, today))) {
            flags.add(Flag.OVERDUE_CHECK);
        }
        if (copies.stream().anyMatch(c -> !isSound(c))) {
            flags.add(Flag.FAILED_CHECK);
        }
        return flags;
    }
}
