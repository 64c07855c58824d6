package org.consortiumhub.ill.rota;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.consortiumhub.ill.rota.Availability.Outcome;
import org.consortiumhub.ill.state.ServiceType;

/**
 * Chooses and orders the lenders of a request. Pure: everything it weighs comes in the candidates, so the same input
 * always gives the same rota, and every place and every exclusion comes with its reason.
 *
 * <p>Order: lenders of last resort after all others; then the lowest lending-to-borrowing balance first (load
 * levelling: members that have borrowed more than they lent are asked first); then the lowest cost; then the member
 * code, so ties always break the same way.
 */
public final class RotaBuilder {

    public static final String ORDERING = "lenders of last resort last; then lowest lending-to-borrowing balance first"
            + " (members that borrow more than they lend are asked first); then lowest cost; then member code";

    private static final Comparator<Ranked> ORDER = Comparator
            .comparing((Ranked r) -> r.candidate.policy().lastResort())
            .thenComparingInt(r -> r.candidate.balance())
            .thenComparing(r -> r.cost)
            .thenComparing(r -> r.candidate.memberCode());

    private record Ranked(RotaCandidate candidate, BigDecimal cost) {
    }

    private RotaBuilder() {
    }

    public static Rota build(RotaRequest request, List<RotaCandidate> candidates) {
        List<Ranked> ranked = new ArrayList<>();
        List<Rota.Exclusion> excluded = new ArrayList<>();
        for (RotaCandidate c : candidates) {
            Optional<String> reason = exclusion(request, c);
            if (reason.isPresent()) {
                excluded.add(new Rota.Exclusion(c.memberId(), c.memberCode(), reason.get()));
            } else {
                ranked.add(new Ranked(c, c.policy().cost(request.serviceType())));
            }
        }
        ranked.sort(ORDER);
        excluded.sort(Comparator.comparing(Rota.Exclusion::memberCode));
        List<Rota.Lender> lenders = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Ranked r = ranked.get(i);
            LendingPolicy p = r.candidate.policy();
            lenders.add(new Rota.Lender(i + 1, r.candidate.memberId(), r.candidate.memberCode(), r.cost, p.loanPeriodDays(),
                    p.answerDays(), p.rushAnswerHours(), explain(request, r, i == 0 ? null : ranked.get(i - 1)), p.closures(),
                    p.iso18626Address()));
        }
        return new Rota(lenders, excluded, ORDERING);
    }

    /** Why this member may not lend this time, or empty if it may. Checked in the order staff would ask. */
    static Optional<String> exclusion(RotaRequest request, RotaCandidate c) {
        ServiceType type = request.serviceType();
        String service = type == ServiceType.LOAN ? "loans" : "copies";
        if (c.memberId() == request.requesterId()) {
            return Optional.of("it is the requesting member");
        }
        if (request.catalogued() && c.copies() == 0) {
            return Optional.of("holds no copy of this title that is not missing");
        }
        LendingPolicy p = c.policy();
        if (p == null) {
            return Optional.of("has no lending policy");
        }
        if (!p.lends(type)) {
            return Optional.of("its lending policy does not supply " + service);
        }
        if (!p.lendsFormat(request.format())) {
            return Optional.of("its lending policy does not lend " + request.format() + " (it lends "
                    + String.join(", ", p.materialTypes().stream().sorted().toList()) + ")");
        }
        if (type == ServiceType.LOAN && request.catalogued() && c.lendableCopies() == 0) {
            return Optional.of("none of its " + c.copies() + " copies may go out on loan (reference, library use only or similar)");
        }
        for (Closure closure : p.closures()) {
            if (closure.covers(request.today())) {
                return Optional.of("closed from " + closure.firstDay() + " to " + closure.lastDay()
                        + (closure.reason() == null ? "" : " (" + closure.reason() + ")"));
            }
        }
        if (type == ServiceType.LOAN && p.maxActiveLoans() != null && c.activeLoans() >= p.maxActiveLoans()) {
            return Optional.of("has " + c.activeLoans() + " items on loan to other members, its limit is " + p.maxActiveLoans());
        }
        BigDecimal cost = p.cost(type);
        if (request.maxCost() != null && cost.compareTo(request.maxCost()) > 0) {
            return Optional.of("charges " + cost.toPlainString() + " for " + service + ", more than the maximum cost "
                    + request.maxCost().toPlainString());
        }
        Availability a = c.availability();
        if (a != null && a.outcome() == Outcome.CHECKED && a.available() == 0) {
            String statuses = String.join(", ", a.items().stream()
                    .map(i -> i.status() + (i.dueDate() == null ? "" : " until " + i.dueDate())).toList());
            return Optional.of("its adapter reports no copy available now" + (statuses.isEmpty() ? "" : " (" + statuses + ")"));
        }
        return Optional.empty();
    }

    private static String explain(RotaRequest request, Ranked r, Ranked before) {
        RotaCandidate c = r.candidate;
        LendingPolicy p = c.policy();
        List<String> parts = new ArrayList<>();
        if (request.catalogued()) {
            parts.add(request.serviceType() == ServiceType.LOAN
                    ? c.lendableCopies() + " of " + c.copies() + " copies lendable"
                    : c.copies() + (c.copies() == 1 ? " copy held" : " copies held"));
        } else {
            parts.add("citation not in the catalog: asked because its policy supplies "
                    + (request.serviceType() == ServiceType.LOAN ? "loans" : "copies"));
        }
        parts.add("lent " + c.lent() + ", borrowed " + c.borrowed() + " (balance " + signed(c.balance()) + ")");
        parts.add("cost " + r.cost.toPlainString());
        if (p.lastResort()) {
            parts.add("lender of last resort");
        }
        Availability a = c.availability();
        if (a != null) {
            switch (a.outcome()) {
                case CHECKED -> parts.add("live availability: " + a.available() + " of " + a.items().size() + " copies available");
                case UNREACHABLE -> parts.add("live availability not checked: " + a.problem());
                case NOT_CONFIGURED -> {
                }
            }
        }
        if (before != null) {
            parts.add("after " + before.candidate.memberCode() + " because " + whyAfter(r, before));
        }
        return String.join("; ", parts);
    }

    private static String whyAfter(Ranked r, Ranked before) {
        if (r.candidate.policy().lastResort() && !before.candidate.policy().lastResort()) {
            return "it is a lender of last resort";
        }
        if (r.candidate.balance() != before.candidate.balance()) {
            return "its balance " + signed(r.candidate.balance()) + " is higher than " + signed(before.candidate.balance());
        }
        if (r.cost.compareTo(before.cost) != 0) {
            return "its cost " + r.cost.toPlainString() + " is higher than " + before.cost.toPlainString();
        }
        return "balance and cost are equal and its code comes later";
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : String.valueOf(n);
    }
}
