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

    /**
     * A member on the rota, with the terms of its policy the request will go by, its closures from the rota's day on
     * and, for an external ILL system, its ISO 18626 address.
     */
    public record Lender(int position, long memberId, String memberCode, BigDecimal cost, int loanPeriodDays,
            int answerDays, int rushAnswerHours, String explanation, List<Closure> closures, String iso18626Address) {

        public Lender {
            closures = List.copyOf(closures);
        }
    }

    public record Exclusion(long memberId, String memberCode, String reason) {
    }
}
