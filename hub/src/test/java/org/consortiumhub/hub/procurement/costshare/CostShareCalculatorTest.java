package org.consortiumhub.hub.procurement.costshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.consortiumhub.hub.procurement.costshare.CostShareFormula.Component;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * The cost-share formulas: whatever the members and the formula, shares are never negative, each is within one
 * minor unit of its exact proportion of the price, and together they are exactly the price.
 */
class CostShareCalculatorTest {

    @Property(tries = 500)
    void apportionedPartsSumToTheTotalAndStayWithinOneUnitOfTheirQuota(
            @ForAll @LongRange(min = 0, max = 10_000_000_000L) long total,
            @ForAll("weightLists") List<BigInteger> weights) {
        long[] parts = Apportionment.largestRemainder(total, weights);
        BigInteger sum = weights.stream().reduce(BigInteger.ZERO, BigInteger::add);
        long given = 0;
        for (int i = 0; i < parts.length; i++) {
            assertTrue(parts[i] >= 0);
            BigDecimal quota = new BigDecimal(BigInteger.valueOf(total).multiply(weights.get(i)))
                    .divide(new BigDecimal(sum), MathContext.DECIMAL128);
            assertTrue(BigDecimal.valueOf(parts[i]).subtract(quota).abs().compareTo(BigDecimal.ONE) < 0,
                    "part " + i + " = " + parts[i] + " is a unit or more away from its quota " + quota);
            if (weights.get(i).signum() == 0) {
                assertEquals(0, parts[i], "a zero weight pays nothing");
            }
            given += parts[i];
        }
        assertEquals(total, given);
    }

    @Property(tries = 300)
    void singleBasisSharesAreProportionalToTheMembersFigures(
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long price,
            @ForAll("participants") List<Participant> members,
            @ForAll("singleBases") Basis basis) {
        List<CostShare> shares = CostShareCalculator.shares(price, members, CostShareFormula.of(basis));
        assertSumAndSign(price, shares);
        List<Participant> sorted = sortedByCode(members);
        BigDecimal total = sorted.stream().map(p -> figure(p, basis)).reduce(BigDecimal.ZERO, BigDecimal::add);
        for (int i = 0; i < sorted.size(); i++) {
            BigDecimal quota = BigDecimal.valueOf(price).multiply(figure(sorted.get(i), basis))
                    .divide(total, MathContext.DECIMAL128);
            assertTrue(BigDecimal.valueOf(shares.get(i).amountMinor()).subtract(quota).abs().compareTo(BigDecimal.ONE) < 0,
                    basis + ": " + shares.get(i) + " against quota " + quota);
        }
        // A member with a larger figure never pays less.
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = 0; j < sorted.size(); j++) {
                if (figure(sorted.get(i), basis).compareTo(figure(sorted.get(j), basis)) > 0) {
                    assertTrue(shares.get(i).amountMinor() >= shares.get(j).amountMinor());
                }
            }
        }
    }

    @Property(tries = 300)
    void blendsWithABaseShareSumExactlyAndMatchTheirExactProportions(
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long price,
            @ForAll("participants") List<Participant> members,
            @ForAll("blends") CostShareFormula formula) {
        List<CostShare> shares = CostShareCalculator.shares(price, members, formula);
        assertSumAndSign(price, shares);
        List<Participant> sorted = sortedByCode(members);
        BigDecimal base = formula.basePercent().divide(BigDecimal.valueOf(100), MathContext.DECIMAL128);
        BigDecimal weightTotal = formula.components().stream().map(Component::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        for (int i = 0; i < sorted.size(); i++) {
            BigDecimal part = base.divide(BigDecimal.valueOf(sorted.size()), MathContext.DECIMAL128);
            for (Component c : formula.components()) {
                BigDecimal sum = sorted.stream().map(p -> figure(p, c.basis())).reduce(BigDecimal.ZERO, BigDecimal::add);
                part = part.add(BigDecimal.ONE.subtract(base).multiply(c.weight()).divide(weightTotal, MathContext.DECIMAL128)
                        .multiply(figure(sorted.get(i), c.basis())).divide(sum, MathContext.DECIMAL128));
            }
            BigDecimal quota = part.multiply(BigDecimal.valueOf(price));
            // Exact arithmetic in the calculator; the tolerance covers this test's 34-digit rounding only.
            assertTrue(BigDecimal.valueOf(shares.get(i).amountMinor()).subtract(quota).abs()
                    .compareTo(new BigDecimal("1.000001")) < 0, formula.describe() + ": " + shares.get(i) + " against " + quota);
        }
    }

    @Property(tries = 200)
    void theOrderMembersAreGivenInDoesNotChangeTheShares(
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long price,
            @ForAll("participants") List<Participant> members,
            @ForAll("blends") CostShareFormula formula,
            @ForAll long seed) {
        List<Participant> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(CostShareCalculator.shares(price, members, formula), CostShareCalculator.shares(price, shuffled, formula));
    }

    @Example
    void anEqualSplitGivesTheLeftoverCentToTheFirstMembersByCode() {
        List<CostShare> shares = CostShareCalculator.shares(100, List.of(member("C", 1), member("A", 1), member("B", 1)),
                CostShareFormula.of(Basis.EQUAL));
        assertEquals(List.of(new CostShare("A", 34), new CostShare("B", 33), new CostShare("C", 33)), shares);
    }

    @Example
    void aBlendWithABaseFeeChargesEachTheBaseAndTheRestByFte() {
        // 30% of 1,000.00 split equally (100.00 each), 70% by FTE 1:2:4 (100.00, 200.00, 400.00).
        var formula = new CostShareFormula(new BigDecimal("30"), List.of(new Component(Basis.FTE, BigDecimal.ONE)));
        List<CostShare> shares = CostShareCalculator.shares(100_000,
                List.of(member("A", 1000), member("B", 2000), member("C", 4000)), formula);
        assertEquals(List.of(new CostShare("A", 20_000), new CostShare("B", 30_000), new CostShare("C", 50_000)), shares);
    }

    @Example
    void holdersOnlyChargesNobodyWhoDoesNotHoldIt() {
        List<CostShare> shares = CostShareCalculator.shares(1001,
                List.of(new Participant("A", null, null, null, true), new Participant("B", null, null, null, false),
                        new Participant("C", null, null, null, true)),
                CostShareFormula.of(Basis.HOLDERS));
        assertEquals(List.of(new CostShare("A", 501), new CostShare("B", 0), new CostShare("C", 500)), shares);
    }

    @Example
    void aFigureThatIsNotRecordedIsNamedNotGuessed() {
        var e = assertThrows(CostShareException.class, () -> CostShareCalculator.shares(100,
                List.of(member("A", 10), new Participant("B", null, null, null, false)), CostShareFormula.of(Basis.FTE)));
        assertEquals("FTE is not recorded for member B; record it or choose another basis", e.getMessage());
        var none = assertThrows(CostShareException.class, () -> CostShareCalculator.shares(100,
                List.of(new Participant("A", null, null, null, false)), CostShareFormula.of(Basis.HOLDERS)));
        assertTrue(none.getMessage().contains("none of the participating members holds"));
        assertThrows(CostShareException.class, () -> new CostShareFormula(new BigDecimal("120"), List.of()));
        assertThrows(CostShareException.class, () -> new CostShareFormula(BigDecimal.ZERO,
                List.of(new Component(Basis.FTE, BigDecimal.ONE), new Component(Basis.FTE, BigDecimal.TEN))));
    }

    private static Participant member(String code, long fte) {
        return new Participant(code, BigDecimal.valueOf(fte), null, null, false);
    }

    private static void assertSumAndSign(long price, List<CostShare> shares) {
        long sum = 0;
        for (CostShare s : shares) {
            assertTrue(s.amountMinor() >= 0, s.toString());
            sum += s.amountMinor();
        }
        assertEquals(price, sum);
    }

    private static List<Participant> sortedByCode(List<Participant> members) {
        List<Participant> sorted = new ArrayList<>(members);
        sorted.sort((a, b) -> a.memberCode().compareTo(b.memberCode()));
        return sorted;
    }

    private static BigDecimal figure(Participant p, Basis basis) {
        return switch (basis) {
            case EQUAL -> BigDecimal.ONE;
            case HOLDERS -> p.holder() ? BigDecimal.ONE : BigDecimal.ZERO;
            case FTE -> p.fte();
            case MATERIALS_BUDGET -> p.materialsBudget();
            case USAGE -> BigDecimal.valueOf(p.usage());
        };
    }

    @Provide
    Arbitrary<List<BigInteger>> weightLists() {
        return Arbitraries.longs().between(0, 1_000_000_000_000L).map(BigInteger::valueOf).list().ofMinSize(1).ofMaxSize(60)
                .filter(l -> l.stream().anyMatch(w -> w.signum() > 0));
    }

    /** 1 to 40 members with distinct codes; every figure recorded, at least one holder and one non-zero of each. */
    @Provide
    Arbitrary<List<Participant>> participants() {
        Arbitrary<Participant> one = Combinators.combine(
                Arbitraries.strings().withCharRange('A', 'Z').ofLength(6),
                Arbitraries.bigDecimals().between(BigDecimal.ONE, new BigDecimal("90000")).ofScale(2),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("50000000")).ofScale(2),
                Arbitraries.longs().between(0, 2_000_000),
                Arbitraries.of(true, false))
                .as(Participant::new);
        return one.list().ofMinSize(1).ofMaxSize(40).uniqueElements(Participant::memberCode)
                .filter(l -> l.stream().anyMatch(Participant::holder))
                .filter(l -> l.stream().anyMatch(p -> p.usage() > 0))
                .filter(l -> l.stream().anyMatch(p -> p.materialsBudget().signum() > 0));
    }

    @Provide
    Arbitrary<Basis> singleBases() {
        return Arbitraries.of(Basis.class);
    }

    @Provide
    Arbitrary<CostShareFormula> blends() {
        Arbitrary<Component> component = Combinators.combine(Arbitraries.of(Basis.class),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("100")).ofScale(2))
                .as(Component::new);
        return Combinators.combine(
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("99.9")).ofScale(1),
                component.list().ofMinSize(1).ofMaxSize(5).uniqueElements(Component::basis))
                .as(CostShareFormula::new);
    }
}
