package org.consortiumhub.hub.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ReportArithmeticTest {

    @Test
    void costPerUseRoundsToTheNearestMinorUnitAndNeedsUses() {
        assertEquals(43L, ReportArithmetic.costPerUse(25_000, 587));
        assertEquals(3L, ReportArithmetic.costPerUse(5, 2), "2.5 rounds up");
        assertEquals(0L, ReportArithmetic.costPerUse(0, 10));
        assertNull(ReportArithmetic.costPerUse(25_000, 0));
    }

    @Test
    void savingsAreTheListPricesLessTheShares() {
        assertEquals(139_999, ReportArithmetic.saved(240_000, 100_001));
        assertEquals(-500, ReportArithmetic.saved(1_000, 1_500), "buying together can cost a member more");
    }
}
