package org.consortiumhub.hub.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The sums the alliance's reports make, as plain functions. */
public final class ReportArithmetic {

    private ReportArithmetic() {
    }

    /** What a share cost per use, to the nearest minor unit (halves up); null without uses. */
    public static Long costPerUse(long shareMinor, long uses) {
        if (uses <= 0) {
            return null;
        }
        return BigDecimal.valueOf(shareMinor).divide(BigDecimal.valueOf(uses), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * Saved by buying together: what the members would have paid buying separately, less what they paid as shares.
     * Only members whose list price is known count on either side, so a missing list price never shows as a saving;
     * with every list price known this is the sum of the list prices less the consortium price.
     */
    public static long saved(long listPricesOfKnownMinor, long sharesOfKnownMinor) {
        return listPricesOfKnownMinor - sharesOfKnownMinor;
    }
}
