package org.consortiumhub.ill.state;

/**
 * Where a request stands. The names follow ISO 18626's vocabulary; {@link StateModel} says which actions lead
 * from one to another and what each side's ISO 18626 status is in it.
 */
public enum RequestState {
    /** The hub is choosing lenders (the rota) and sends the request to the first. */
    SOURCING,
    /** With the current lender, which has not answered yet. */
    SENT,
    EXPECT_TO_SUPPLY,
    WILL_SUPPLY,
    /** The lender will supply under conditions (a fee, library use only, …) the borrower must accept or reject. */
    CONDITIONAL,
    /** The lender asked for a cancel; waiting for the lender to confirm or deny it. */
    CANCEL_REQUESTED,
    /** Shipped by the lender (a loan) or delivered (a copy). */
    SHIPPED,
    /** The borrower has the loan. */
    RECEIVED,
    RENEW_REQUESTED,
    OVERDUE,
    RECALLED,
    /** The borrower sent the loan back. */
    SHIPPED_RETURN,
    /** No lender left on the rota: the borrower's staff review it and re-request or cancel. */
    END_OF_ROTA,
    COMPLETED,
    CANCELLED;

    public boolean terminal() {
        return this == COMPLETED || this == CANCELLED;
    }

    /**
     * Whether a loan in this state has the lender's item out of its hands: promised, shipped, with the borrower or on
     * its way back. The rota counts these against a lender's limit of loans out.
     */
    public boolean itemOut(ServiceType type) {
        return type == ServiceType.LOAN && switch (this) {
            case WILL_SUPPLY, SHIPPED, RECEIVED, RENEW_REQUESTED, OVERDUE, RECALLED, SHIPPED_RETURN -> true;
            default -> false;
        };
    }
}
