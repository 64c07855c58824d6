package org.consortiumhub.ill.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StateModelTest {

    /** Follows actions from SENT and returns the states they lead through. */
    private static RequestState walk(StateModel model, RequestState from, Object... sideAndAction) {
        RequestState s = from;
        for (int i = 0; i < sideAndAction.length; i += 2) {
            Side side = (Side) sideAndAction[i];
            IllAction action = (IllAction) sideAndAction[i + 1];
            RequestState at = s;
            s = model.find(s, action, side).orElseThrow(() -> new AssertionError(side + " may not " + action + " in " + at)).to();
        }
        return s;
    }

    @Test
    void aLoanGoesFromSentToCompletedThroughShippingReceiptRenewalAndReturn() {
        RequestState end = walk(StateModel.RETURNABLE, RequestState.SENT,
                Side.SUPPLIER, IllAction.EXPECT_TO_SUPPLY, Side.SUPPLIER, IllAction.WILL_SUPPLY, Side.SUPPLIER, IllAction.SHIP,
                Side.REQUESTER, IllAction.RECEIVED, Side.REQUESTER, IllAction.REQUEST_RENEWAL, Side.SUPPLIER,
                IllAction.GRANT_RENEWAL, Side.SYSTEM, IllAction.MARK_OVERDUE, Side.REQUESTER, IllAction.SHIP_RETURN,
                Side.SUPPLIER, IllAction.CHECK_IN);
        assertEquals(RequestState.COMPLETED, end);
    }

    @Test
    void aCopyIsCompleteWhenTheBorrowerReceivesIt() {
        assertEquals(RequestState.COMPLETED, walk(StateModel.NON_RETURNABLE, RequestState.SENT,
                Side.SUPPLIER, IllAction.SHIP, Side.REQUESTER, IllAction.RECEIVED));
        assertTrue(StateModel.NON_RETURNABLE.allowed(RequestState.SHIPPED, Side.SUPPLIER).isEmpty());
        assertEquals("CopyCompleted", StateModel.NON_RETURNABLE.isoSupplierStatus(RequestState.SHIPPED));
        assertEquals("Loaned", StateModel.RETURNABLE.isoSupplierStatus(RequestState.SHIPPED));
    }

    @Test
    void onlyLoansAreRenewedRecalledReturnedOrOverdue() {
        Set<IllAction> loanOnly = EnumSet.of(IllAction.REQUEST_RENEWAL, IllAction.GRANT_RENEWAL, IllAction.DENY_RENEWAL,
                IllAction.RECALL, IllAction.SHIP_RETURN, IllAction.CHECK_IN, IllAction.MARK_OVERDUE);
        for (Transition t : StateModel.NON_RETURNABLE.transitions()) {
            assertFalse(loanOnly.contains(t.action()), t.toString());
        }
    }

    @Test
    void aLenderThatCannotSupplyHandsTheRequestBackToSourcing() {
        for (RequestState s : List.of(RequestState.SENT, RequestState.EXPECT_TO_SUPPLY, RequestState.WILL_SUPPLY,
                RequestState.CONDITIONAL)) {
            Transition t = StateModel.RETURNABLE.find(s, IllAction.UNFILLED, Side.SUPPLIER).orElseThrow();
            assertEquals(RequestState.SOURCING, t.to());
            assertEquals(Transition.Effect.LENDER_DONE, t.effect());
        }
        assertEquals(RequestState.SOURCING, walk(StateModel.RETURNABLE, RequestState.CONDITIONAL, Side.REQUESTER,
                IllAction.REJECT_CONDITIONS));
        assertEquals(RequestState.SENT, walk(StateModel.RETURNABLE, RequestState.SOURCING, Side.SYSTEM, IllAction.SEND));
        assertEquals(RequestState.END_OF_ROTA, walk(StateModel.RETURNABLE, RequestState.SOURCING, Side.SYSTEM, IllAction.END_ROTA));
        assertEquals(RequestState.SOURCING, walk(StateModel.RETURNABLE, RequestState.END_OF_ROTA, Side.REQUESTER, IllAction.RE_REQUEST));
    }

    @Test
    void aCancelIsAskedOfTheLenderWhichConfirmsOrDeniesIt() {
        assertEquals(RequestState.CANCELLED, walk(StateModel.RETURNABLE, RequestState.WILL_SUPPLY,
                Side.REQUESTER, IllAction.CANCEL, Side.SUPPLIER, IllAction.CONFIRM_CANCEL));
        assertEquals(RequestState.WILL_SUPPLY, walk(StateModel.RETURNABLE, RequestState.SENT,
                Side.REQUESTER, IllAction.CANCEL, Side.SUPPLIER, IllAction.DENY_CANCEL));
        // once shipped, a cancel is too late
        assertFalse(StateModel.RETURNABLE.allowed(RequestState.SHIPPED, Side.REQUESTER).contains(IllAction.CANCEL));
    }

    @Test
    void eachSideHasItsOwnActions() {
        assertEquals(List.of(IllAction.CANCEL), StateModel.RETURNABLE.allowed(RequestState.SENT, Side.REQUESTER));
        assertEquals(List.of(IllAction.EXPECT_TO_SUPPLY, IllAction.WILL_SUPPLY, IllAction.ADD_CONDITIONS, IllAction.UNFILLED,
                IllAction.SHIP), StateModel.RETURNABLE.allowed(RequestState.SENT, Side.SUPPLIER));
        assertTrue(StateModel.RETURNABLE.allowed(RequestState.COMPLETED, Side.REQUESTER).isEmpty());
        assertTrue(StateModel.RETURNABLE.allowed(RequestState.CANCELLED, Side.SUPPLIER).isEmpty());
    }

    @Test
    void everyStateIsReachableAndTheModelIsDeterministic() {
        for (StateModel model : List.of(StateModel.RETURNABLE, StateModel.NON_RETURNABLE)) {
            Set<RequestState> reached = new HashSet<>(Set.of(RequestState.SOURCING));
            List<RequestState> queue = new ArrayList<>(reached);
            while (!queue.isEmpty()) {
                RequestState s = queue.remove(0);
                for (Transition t : model.transitions()) {
                    if (t.from() == s && reached.add(t.to())) {
                        queue.add(t.to());
                    }
                }
            }
            for (RequestState s : RequestState.values()) {
                boolean loanOnly = EnumSet.of(RequestState.RECEIVED, RequestState.RENEW_REQUESTED, RequestState.OVERDUE,
                        RequestState.RECALLED, RequestState.SHIPPED_RETURN).contains(s);
                if (model == StateModel.RETURNABLE || !loanOnly) {
                    assertTrue(reached.contains(s), model.serviceType() + " never reaches " + s);
                    assertTrue(s == RequestState.SOURCING || model.isoSupplierStatus(s) != null, "no ISO status for " + s);
                }
            }
            Set<String> keys = new HashSet<>();
            for (Transition t : model.transitions()) {
                assertTrue(keys.add(t.from() + "/" + t.action() + "/" + t.side()), "two transitions for " + t);
                assertFalse(t.from().terminal(), "a terminal state has a way out: " + t);
            }
        }
    }
}
