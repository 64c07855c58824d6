package org.consortiumhub.hub.procurement.costshare;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a consortium divides a price among the members taking part: a fixed base share split equally (the
 * "base fee" of Orbis Cascade and WRLC models), and the rest by a weighted blend of bases. A single basis is a
 * blend of one, with no base share.
 *
 * @param basePercent the part of the price every participant pays equally, 0 to 100
 * @param components the bases the rest is divided by, each with its relative weight
 */
public record CostShareFormula(BigDecimal basePercent, List<Component> components) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One basis of a blend and its relative weight (weights need not sum to anything in particular). */
    public record Component(Basis basis, BigDecimal weight) {
    }

    public CostShareFormula {
        if (basePercent == null) {
            basePercent = BigDecimal.ZERO;
        }
        components = components == null ? List.of() : List.copyOf(components);
        if (basePercent.signum() < 0 || basePercent.compareTo(HUNDRED) > 0) {
            throw new CostShareException("the base share must be between 0 and 100 percent, not " + basePercent.toPlainString());
        }
        if (components.isEmpty() && basePercent.compareTo(HUNDRED) != 0) {
            throw new CostShareException("name at least one basis (EQUAL, FTE, MATERIALS_BUDGET, USAGE, HOLDERS) for the part"
                    + " of the price beyond the base share");
        }
        Set<Basis> seen = EnumSet.noneOf(Basis.class);
        for (Component c : components) {
            if (c == null || c.basis() == null) {
                throw new CostShareException("every part of the formula needs a basis");
            }
            if (c.weight() == null || c.weight().signum() <= 0) {
                throw new CostShareException("the weight of " + c.basis() + " must be greater than 0");
            }
            if (!seen.add(c.basis())) {
                throw new CostShareException(c.basis() + " appears twice in the formula; give it once with its whole weight");
            }
        }
    }

    public static CostShareFormula of(Basis basis) {
        return new CostShareFormula(BigDecimal.ZERO, List.of(new Component(basis, BigDecimal.ONE)));
    }

    public boolean uses(Basis basis) {
        return components.stream().anyMatch(c -> c.basis() == basis);
    }

    /** The formula in words, e.g. {@code 20% equal base; FTE ×1, USAGE ×1}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (basePercent.signum() > 0) {
            s.append(basePercent.stripTrailingZeros().toPlainString()).append("% equal base");
        }
        if (!components.isEmpty()) {
            if (s.length() > 0) {
                s.append("; ");
            }
            for (int i = 0; i < components.size(); i++) {
                Component c = components.get(i);
                s.append(i == 0 ? "" : ", ").append(c.basis()).append(" ×").append(c.weight().stripTrailingZeros().toPlainString());
            }
        }
        return s.toString();
    }
}
