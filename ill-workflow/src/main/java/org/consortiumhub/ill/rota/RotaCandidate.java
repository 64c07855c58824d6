package org.consortiumhub.ill.rota;

/**
 * A member that might lend: its policy (null when it has none), what it holds of the cluster, its load and what its
 * adapter said.
 *
 * @param copies copies (or holdings statements) it holds of the cluster, missing ones not counted
 * @param lendableCopies those its catalog says may go out on loan
 * @param activeLoans its items out on loan to other members now
 * @param lent requests it filled as lender over the balance period
 * @param borrowed requests filled for it as borrower over the balance period
 */
public record RotaCandidate(long memberId, String memberCode, LendingPolicy policy, int copies, int lendableCopies,
        int activeLoans, int lent, int borrowed, Availability availability) {

    /** Lending minus borrowing: members that borrow more than they lend are asked first. */
    public int balance() {
        return lent - borrowed;
    }
}
