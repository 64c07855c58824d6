package org.consortiumhub.ill.rota;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.consortiumhub.ill.state.ServiceType;

/**
 * What a member lends to the others and on which terms.
 *
 * @param materialTypes catalog formats it lends (BOOK, SCORE, …); empty means every format
 * @param maxActiveLoans how many of its items may be out on loan to other members at once; null for no limit
 * @param lastResort asked only after every other lender
 * @param answerDays business days it has to answer a new request before the hub moves on
 * @param rushAnswerHours hours (of business days) it has to answer a rush request
 * @param availabilityUrl its adapter's live availability endpoint, or null
 * @param iso18626Address where the member, an external ILL system, takes ISO 18626 messages; null for members that
 *        work in the hub
 */
public record LendingPolicy(boolean lendsLoans, boolean lendsCopies, Set<String> materialTypes, int loanPeriodDays,
        Integer maxActiveLoans, BigDecimal loanCost, BigDecimal copyCost, boolean lastResort, int answerDays,
        int rushAnswerHours, List<Closure> closures, String availabilityUrl, String iso18626Address) {

    public LendingPolicy {
        materialTypes = Set.copyOf(materialTypes);
        closures = List.copyOf(closures);
    }

    public boolean lends(ServiceType type) {
        return type == ServiceType.LOAN ? lendsLoans : lendsCopies;
    }

    public BigDecimal cost(ServiceType type) {
        return type == ServiceType.LOAN ? loanCost : copyCost;
    }

    public boolean lendsFormat(String format) {
        return format == null || materialTypes.isEmpty() || materialTypes.contains(format);
    }
}
