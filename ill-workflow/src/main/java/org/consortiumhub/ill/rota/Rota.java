package org.consortiumhub.ill.rota;

import java.math.BigDecimal;
import java.util.List;

/**
 * The lenders a request goes to in turn, and the members left out, each with the reason.
 *
 * @param ordering how the lenders were put in order, in words
 */
public record Rota(List<Lender> lenders, List<Exclusion> excluded, String ordering) {

    public Rota {
        lenders = List.copyOf(lenders);
        excluded = List.copyOf(excluded);
    }

    /** A member on the rota, with the terms of its policy the request will go by. */
    public record Lender(int position, long memberId, String memberCode, BigDecimal cost, int loanPeriodDays,
            int answerDays, int rushAnswerHours, String explanation) {
    }

    public record Exclusion(long memberId, String memberCode, String reason) {
    }
}
