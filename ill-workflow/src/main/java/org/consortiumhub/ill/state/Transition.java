package org.consortiumhub.ill.state;

/**
 * One edge of a state model: in state {@code from}, {@code side} may take {@code action}, which leads to
 * {@code to} and has {@code effect} on the rest of the request.
 */
public record Transition(RequestState from, IllAction action, Side side, RequestState to, Effect effect) {

    /** What a transition does besides changing the state. */
    public enum Effect {
        NONE,
        /** The current lender's turn ends (with the action as its outcome); the hub sources the next lender. */
        LENDER_DONE,
        /** The next lender on the rota gets the request. */
        NEXT_LENDER,
        /** The rota is built anew (the borrower re-requests after the end of the rota); the hub sources again. */
        REBUILD_ROTA,
        /** A loan was shipped: due date = shipped date + the lender's loan period. */
        SET_DUE_DATE,
        /** A renewal was granted: the due date moves on by the lender's loan period. */
        EXTEND_DUE_DATE
    }
}
