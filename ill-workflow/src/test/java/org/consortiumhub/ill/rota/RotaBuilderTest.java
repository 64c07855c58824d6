package org.consortiumhub.ill.rota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.consortiumhub.ill.state.ServiceType;
import org.junit.jupiter.api.Test;

class RotaBuilderTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    static LendingPolicy policy(String cost, boolean lastResort) {
        return new LendingPolicy(true, true, Set.of(), 28, null, new BigDecimal(cost), new BigDecimal(cost), lastResort, 2, 4,
                List.of(), null, null);
    }

    static RotaCandidate member(long id, String code, LendingPolicy p, int lent, int borrowed) {
        return new RotaCandidate(id, code, p, 2, 1, 0, lent, borrowed, null);
    }

    static RotaRequest loan() {
        return new RotaRequest(ServiceType.LOAN, 1, "BOOK", true, TODAY, null);
    }

    static List<String> order(Rota rota) {
        return rota.lenders().stream().map(Rota.Lender::memberCode).toList();
    }

    @Test
    void lendersAreOrderedByBalanceThenCostThenCodeWithLastResortLast() {
        List<RotaCandidate> candidates = new ArrayList<>(List.of(
                member(2, "B", policy("0", false), 10, 2),   // balance +8
                member(3, "C", policy("5", false), 1, 4),    // balance -3, dearer
                member(4, "D", policy("0", false), 1, 4),    // balance -3, cheaper
                member(5, "E", policy("0", true), 0, 20),    // last resort despite the best balance
                member(6, "F", policy("0", false), 2, 5)));  // balance -3, cheap, code after D
        Rota rota = RotaBuilder.build(loan(), candidates);
        assertEquals(List.of("D", "F", "C", "B", "E"), order(rota));
        assertEquals(List.of(1, 2, 3, 4, 5), rota.lenders().stream().map(Rota.Lender::position).toList());

        // the same input in any order gives the same rota
        Collections.reverse(candidates);
        assertEquals(order(rota), order(RotaBuilder.build(loan(), candidates)));
    }

    @Test
    void everyPlaceIsExplained() {
        Rota rota = RotaBuilder.build(loan(), List.of(member(2, "B", policy("0", false), 10, 2),
                member(3, "C", policy("5", false), 1, 4), member(4, "D", policy("0", false), 1, 4),
                member(5, "E", policy("0", true), 0, 0)));
        assertTrue(rota.lenders().get(0).explanation().contains("balance -3"), rota.lenders().get(0).explanation());
        assertTrue(rota.lenders().get(1).explanation().contains("after D because its cost 5 is higher than 0"),
                rota.lenders().get(1).explanation());
        assertTrue(rota.lenders().get(2).explanation().contains("its balance +8 is higher than -3"),
                rota.lenders().get(2).explanation());
        assertTrue(rota.lenders().get(3).explanation().contains("it is a lender of last resort"), rota.lenders().get(3).explanation());
        assertEquals(RotaBuilder.ORDERING, rota.ordering());
    }

    @Test
    void membersThatCannotLendAreLeftOutWithTheReason() {
        LendingPolicy copiesOnly = new LendingPolicy(false, true, Set.of(), 28, null, BigDecimal.ZERO, BigDecimal.ZERO, false,
                2, 4, List.of(), null, null);
        LendingPolicy scoresOnly = new LendingPolicy(true, true, Set.of("SCORE"), 28, null, BigDecimal.ZERO, BigDecimal.ZERO,
                false, 2, 4, List.of(), null, null);
        LendingPolicy closed = new LendingPolicy(true, true, Set.of(), 28, null, BigDecimal.ZERO, BigDecimal.ZERO, false, 2, 4,
                List.of(new Closure(TODAY.minusDays(1), TODAY.plusDays(3), "Thanksgiving")), null, null);
        LendingPolicy busy = new LendingPolicy(true, true, Set.of(), 28, 3, BigDecimal.ZERO, BigDecimal.ZERO, false, 2, 4,
                List.of(), null, null);
        Rota rota = RotaBuilder.build(new RotaRequest(ServiceType.LOAN, 1, "BOOK", true, TODAY, new BigDecimal("10")), List.of(
                member(1, "REQ", policy("0", false), 0, 0),
                member(2, "NOPOLICY", null, 0, 0),
                member(3, "COPIES", copiesOnly, 0, 0),
                member(4, "SCORES", scoresOnly, 0, 0),
                new RotaCandidate(5, "REFERENCE", policy("0", false), 2, 0, 0, 0, 0, null),
                member(6, "CLOSED", closed, 0, 0),
                new RotaCandidate(7, "BUSY", busy, 2, 2, 3, 0, 0, null),
                member(8, "DEAR", policy("12.50", false), 0, 0),
                new RotaCandidate(9, "NOTHELD", policy("0", false), 0, 0, 0, 0, 0, null),
                new RotaCandidate(10, "OUT", policy("0", false), 1, 1, 0, 0, 0, Availability.checked(
                        List.of(new Availability.Item("b1", "3900", "CHECKED_OUT", "2026-12-01")))),
                member(11, "OK", policy("0", false), 0, 0)));
        assertEquals(List.of("OK"), order(rota));
        var reasons = new java.util.TreeMap<String, String>();
        rota.excluded().forEach(e -> reasons.put(e.memberCode(), e.reason()));
        assertEquals("it is the requesting member", reasons.get("REQ"));
        assertEquals("has no lending policy", reasons.get("NOPOLICY"));
        assertEquals("its lending policy does not supply loans", reasons.get("COPIES"));
        assertEquals("its lending policy does not lend BOOK (it lends SCORE)", reasons.get("SCORES"));
        assertEquals("none of its 2 copies may go out on loan (reference, library use only or similar)", reasons.get("REFERENCE"));
        assertEquals("closed from 2026-11-22 to 2026-11-26 (Thanksgiving)", reasons.get("CLOSED"));
        assertEquals("has 3 items on loan to other members, its limit is 3", reasons.get("BUSY"));
        assertEquals("charges 12.50 for loans, more than the maximum cost 10", reasons.get("DEAR"));
        assertEquals("holds no copy of this title that is not missing", reasons.get("NOTHELD"));
        assertEquals("its adapter reports no copy available now (CHECKED_OUT until 2026-12-01)", reasons.get("OUT"));
        assertEquals(10, rota.excluded().size());
    }

    @Test
    void referenceCopiesMayStillBeCopiedAndAnUnreachableAdapterIsNoted() {
        RotaCandidate reference = new RotaCandidate(5, "REFERENCE", policy("0", false), 2, 0, 0, 0, 0,
                Availability.unreachable("connection refused"));
        Rota rota = RotaBuilder.build(new RotaRequest(ServiceType.COPY, 1, "SERIAL", true, TODAY, null), List.of(reference));
        assertEquals(List.of("REFERENCE"), order(rota));
        assertTrue(rota.lenders().get(0).explanation().contains("live availability not checked: connection refused"),
                rota.lenders().get(0).explanation());
    }

    @Test
    void aCitationOutsideTheCatalogGoesToEveryMemberWhosePolicySuppliesIt() {
        Rota rota = RotaBuilder.build(new RotaRequest(ServiceType.COPY, 1, null, false, TODAY, null),
                List.of(new RotaCandidate(2, "B", policy("0", false), 0, 0, 0, 0, 0, null)));
        assertEquals(List.of("B"), order(rota));
        assertTrue(rota.lenders().get(0).explanation().startsWith("citation not in the catalog"));
    }
}
