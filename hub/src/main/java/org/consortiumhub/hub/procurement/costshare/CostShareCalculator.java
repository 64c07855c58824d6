package org.consortiumhub.hub.procurement.costshare;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.consortiumhub.hub.procurement.costshare.CostShareFormula.Component;

/**
 * Applies a cost-share formula: each participant's weight is worked out exactly (base share equally, the rest by
 * each basis's part of its total, blended by the bases' weights), then the price is apportioned in whole minor
 * units by largest remainder. The shares are never negative, each is within one minor unit of its exact
 * proportion, and together they are exactly the price.
 */
public final class CostShareCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CostShareCalculator() {
    }

    /**
     * @param priceMinor the price in minor units, not negative
     * @param participants the members sharing the price, each once
     * @return one share per participant, ordered by member code (the order that also breaks ties)
     */
    public static List<CostShare> shares(long priceMinor, List<Participant> participants, CostShareFormula formula) {
        if (participants.isEmpty()) {
            throw new CostShareException("no member takes part, so nobody can share the price");
        }
        List<Participant> members = new ArrayList<>(participants);
        members.sort(Comparator.comparing(Participant::memberCode));
        Set<String> codes = new HashSet<>();
        for (Participant p : members) {
            if (!codes.add(p.memberCode())) {
                throw new CostShareException("member " + p.memberCode() + " takes part twice");
            }
        }
        List<Ratio> weights = weights(members, formula);
        BigInteger common = BigInteger.ONE;
        for (Ratio w : weights) {
            common = lcm(common, w.denominator());
        }
        List<BigInteger> whole = new ArrayList<>(weights.size());
        for (Ratio w : weights) {
            whole.add(w.numerator().multiply(common.divide(w.denominator())));
        }
        long[] parts = Apportionment.largestRemainder(priceMinor, whole);
        List<CostShare> shares = new ArrayList<>(members.size());
        for (int i = 0; i < parts.length; i++) {
            shares.add(new CostShare(members.get(i).memberCode(), parts[i]));
        }
        return shares;
    }

    /** Each participant's exact part of the price (summing to one), in the participants' order. */
    static List<Ratio> weights(List<Participant> members, CostShareFormula formula) {
        int n = members.size();
        Ratio base = Ratio.of(formula.basePercent()).dividedBy(Ratio.of(HUNDRED));
        Ratio rest = Ratio.of(1, 1).plus(new Ratio(base.numerator().negate(), base.denominator()));
        List<Ratio> weights = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            weights.add(base.times(Ratio.of(1, n)));
        }
        if (rest.numerator().signum() == 0) {
            return weights;
        }
        Ratio componentTotal = Ratio.ZERO;
        for (Component c : formula.components()) {
            componentTotal = componentTotal.plus(Ratio.of(c.weight()));
        }
        for (Component c : formula.components()) {
            List<Ratio> values = values(members, c.basis());
            Ratio sum = Ratio.ZERO;
            for (Ratio v : values) {
                sum = sum.plus(v);
            }
            if (sum.numerator().signum() == 0) {
                throw new CostShareException(emptyBasis(c.basis()));
            }
            Ratio part = rest.times(Ratio.of(c.weight()).dividedBy(componentTotal));
            for (int i = 0; i < n; i++) {
                weights.set(i, weights.get(i).plus(part.times(values.get(i).dividedBy(sum))));
            }
        }
        return weights;
    }

    private static List<Ratio> values(List<Participant> members, Basis basis) {
        List<String> missing = new ArrayList<>();
        List<Ratio> values = new ArrayList<>(members.size());
        for (Participant p : members) {
            BigDecimal v = switch (basis) {
                case EQUAL -> BigDecimal.ONE;
                case HOLDERS -> p.holder() ? BigDecimal.ONE : BigDecimal.ZERO;
                case FTE -> p.fte();
                case MATERIALS_BUDGET -> p.materialsBudget();
                case USAGE -> p.usage() == null ? null : BigDecimal.valueOf(p.usage());
            };
            if (v == null) {
                missing.add(p.memberCode());
                continue;
            }
            if (v.signum() < 0) {
                throw new CostShareException(basis + " of member " + p.memberCode() + " is negative (" + v.toPlainString() + ")");
            }
            values.add(Ratio.of(v));
        }
        if (!missing.isEmpty()) {
            throw new CostShareException(basis + " is not recorded for " + (missing.size() == 1 ? "member " : "members ")
                    + missing.stream().collect(Collectors.joining(", ")) + "; record it or choose another basis");
        }
        return values;
    }

    private static String emptyBasis(Basis basis) {
        return switch (basis) {
            case HOLDERS -> "none of the participating members holds the resource, so HOLDERS has nobody to charge";
            case USAGE -> "no participating member has any recorded usage, so USAGE has nothing to divide by";
            default -> basis + " is zero for every participating member, so it has nothing to divide by";
        };
    }

    private static BigInteger lcm(BigInteger a, BigInteger b) {
        return a.divide(a.gcd(b)).multiply(b);
    }
}
