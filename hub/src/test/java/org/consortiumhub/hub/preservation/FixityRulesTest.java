package org.consortiumhub.hub.preservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.consortiumhub.hub.preservation.FixityRules.CopyState;
import org.consortiumhub.hub.preservation.FixityRules.Flag;
import org.consortiumhub.hub.preservation.FixityRules.Outcome;
import org.junit.jupiter.api.Test;

/** The digital preservation rules, without a database. */
class FixityRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    @Test
    void digestsAreCheckedForTheirAlgorithmsLength() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", FixityRules.normalizeDigest("MD5", " D41D8CD98F00B204E9800998ECF8427E "));
        assertThrows(IllegalArgumentException.class, () -> FixityRules.normalizeDigest("SHA-1", "d41d8cd98f00b204e9800998ecf8427e"));
        assertThrows(IllegalArgumentException.class, () -> FixityRules.normalizeDigest("SHA-256", "z".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> FixityRules.normalizeDigest("CRC32", "abcd1234"));
    }

    @Test
    void aDifferentDigestIsAMismatchWhateverWasReported() {
        assertEquals(Outcome.MISMATCH, FixityRules.effectiveOutcome(Outcome.OK, "aa", "ab"));
        assertEquals(Outcome.OK, FixityRules.effectiveOutcome(Outcome.OK, "aa", "AA"));
        assertEquals(Outcome.OK, FixityRules.effectiveOutcome(Outcome.OK, "aa", null));
        assertEquals(Outcome.MISSING, FixityRules.effectiveOutcome(Outcome.MISSING, "aa", null));
    }

    @Test
    void soundCopiesAreDueAnIntervalLaterAndFailedOnesAtOnce() {
        assertEquals(TODAY.plusDays(90), FixityRules.nextDue(Outcome.OK, TODAY, 90));
        assertEquals(TODAY, FixityRules.nextDue(Outcome.ERROR, TODAY, 90));
    }

    @Test
    void unitsAreFlaggedForOverdueChecksFailuresAndTooFewSoundCopies() {
        CopyState fresh = new CopyState(null, TODAY.plusDays(10));
        CopyState ok = new CopyState(Outcome.OK, TODAY);
        CopyState late = new CopyState(Outcome.OK, TODAY.minusDays(1));
        CopyState damaged = new CopyState(Outcome.MISMATCH, TODAY.plusDays(5));
        assertEquals(Set.of(), FixityRules.flags(2, List.of(fresh, ok), TODAY));
        assertEquals(Set.of(Flag.OVERDUE_CHECK), FixityRules.flags(2, List.of(fresh, late), TODAY));
        assertEquals(Set.of(Flag.FAILED_CHECK, Flag.BELOW_TARGET), FixityRules.flags(2, List.of(fresh, damaged), TODAY));
        assertEquals(Set.of(Flag.BELOW_TARGET), FixityRules.flags(1, List.of(), TODAY));
    }
}
