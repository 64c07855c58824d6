package org.consortiumhub.hub.preservation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The coverage rules of a retention program, as plain functions: how many copies a title should keep, whether
 * it does, and which member to ask when a scarce title has no commitment.
 */
public final class RetentionCoverage {

    private RetentionCoverage() {
    }

    /** How a title stands against its program's target. */
    public enum Status {
        /** As many retained copies as the target asks (or as many as exist, when fewer members hold it). */
        MET,
        /** Fewer retained copies than the target, although more members hold it: a gap to fill. */
        GAP,
        /** Not a single copy retained. */
        UNCOVERED
    }

    /**
     * The copies a title must keep: the program's target, but never more than the members that hold it; a scarce
     * title (held by fewer members than the target) keeps every copy.
     */
    public static int requiredCopies(int programTarget, int holders) {
        return Math.min(programTarget, holders);
    }

    public static Status status(int programTarget, int holders, int retained) {
        if (retained == 0) {
            return Status.UNCOVERED;
        }
        return retained >= requiredCopies(programTarget, holders) ? Status.MET : Status.GAP;
    }

    /** A title is scarce when fewer than {@code threshold} members hold it. */
    public static boolean isScarce(int holders, int threshold) {
        return holders > 0 && holders < threshold;
    }

    /**
     * The member to ask to retain a title no one has committed to keep: the holder with the most items (a
     * fuller run, spare copies), then the most lendable ones, then the first code, so the suggestion is stable.
     *
     * @param items per holding member: [items, lendable items]
     */
    public static String suggestedRetainer(Map<String, int[]> items) {
        List<Map.Entry<String, int[]>> holders = items.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0])
                        .thenComparingInt(e -> -e.getValue()[1]).thenComparing(Map.Entry::getKey))
                .toList();
        return holders.isEmpty() ? null : holders.get(0).getKey();
    }
}
