package org.consortiumhub.hub.procurement.costshare;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A member taking part in a purchase, with the figures a formula may divide by. A figure the member has not
 * recorded is null; a formula that needs it refuses to guess.
 */
public record Participant(String memberCode, BigDecimal fte, BigDecimal materialsBudget, Long usage, boolean holder) {

    public Participant {
        Objects.requireNonNull(memberCode, "memberCode");
    }
}
