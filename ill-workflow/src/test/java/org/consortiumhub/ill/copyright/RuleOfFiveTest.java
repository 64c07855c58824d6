package org.consortiumhub.ill.copyright;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RuleOfFiveTest {

    @Test
    void fiveRecentCopiesPerTitleAndYearThenPermission() {
        for (int before = 0; before < 5; before++) {
            RuleOfFive.Decision d = RuleOfFive.decide(true, 2024, 2026, before, false, "Nature");
            assertTrue(d.allowed() && d.counted(), d.reason());
        }
        RuleOfFive.Decision sixth = RuleOfFive.decide(true, 2024, 2026, 5, false, "Nature");
        assertFalse(sixth.allowed());
        assertTrue(sixth.reason().startsWith("rule of five: 5 copies from 'Nature'"), sixth.reason());
        assertTrue(RuleOfFive.decide(true, 2024, 2026, 5, true, "Nature").allowed());
    }

    @Test
    void olderIssuesAndCopiesUnderTheLawDoNotCount() {
        assertTrue(RuleOfFive.recent(2022, 2026));
        assertFalse(RuleOfFive.recent(2021, 2026), "five years old or more");
        RuleOfFive.Decision old = RuleOfFive.decide(true, 2019, 2026, 9, false, "Nature");
        assertTrue(old.allowed());
        assertFalse(old.counted());
        RuleOfFive.Decision law = RuleOfFive.decide(false, 2025, 2026, 9, false, "Nature");
        assertTrue(law.allowed());
        assertFalse(law.counted());
    }

    @Test
    void titlesAreCountedByIssnOrNormalisedTitle() {
        assertEquals(RuleOfFive.journalKey("0028-0836", "Nature"), RuleOfFive.journalKey("00280836", "NATURE (London)"));
        assertEquals(RuleOfFive.journalKey(null, "Journal of  Testing."), RuleOfFive.journalKey("", "journal of testing"));
    }
}
