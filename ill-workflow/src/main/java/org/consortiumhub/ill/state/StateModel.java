package org.consortiumhub.ill.state;

import static org.consortiumhub.ill.state.IllAction.ACCEPT_CONDITIONS;
import static org.consortiumhub.ill.state.IllAction.ADD_CONDITIONS;
import static org.consortiumhub.ill.state.IllAction.CANCEL;
import static org.consortiumhub.ill.state.IllAction.CHECK_IN;
import static org.consortiumhub.ill.state.IllAction.CONFIRM_CANCEL;
import static org.consortiumhub.ill.state.IllAction.DENY_CANCEL;
import static org.consortiumhub.ill.state.IllAction.DENY_RENEWAL;
import static org.consortiumhub.ill.state.IllAction.EXPECT_TO_SUPPLY;
import static org.consortiumhub.ill.state.IllAction.GRANT_RENEWAL;
import static org.consortiumhub.ill.state.IllAction.MARK_OVERDUE;
import static org.consortiumhub.ill.state.IllAction.RECALL;
import static org.consortiumhub.ill.state.IllAction.RECEIVED;
import static org.consortiumhub.ill.state.IllAction.REJECT_CONDITIONS;
import static org.consortiumhub.ill.state.IllAction.REQUEST_RENEWAL;
import static org.consortiumhub.ill.state.IllAction.RE_REQUEST;
import static org.consortiumhub.ill.state.IllAction.SEND;
import static org.consortiumhub.ill.state.IllAction.SHIP;
import static org.consortiumhub.ill.state.IllAction.SHIP_RETURN;
import static org.consortiumhub.ill.state.IllAction.SKIP_LENDER;
import static org.consortiumhub.ill.state.IllAction.UNFILLED;
import static org.consortiumhub.ill.state.IllAction.WILL_SUPPLY;
import static org.consortiumhub.ill.state.RequestState.CANCELLED;
import static org.consortiumhub.ill.state.RequestState.CANCEL_REQUESTED;
import static org.consortiumhub.ill.state.RequestState.COMPLETED;
import static org.consortiumhub.ill.state.RequestState.CONDITIONAL;
import static org.consortiumhub.ill.state.RequestState.END_OF_ROTA;
import static org.consortiumhub.ill.state.RequestState.OVERDUE;
import static org.consortiumhub.ill.state.RequestState.RECALLED;
import static org.consortiumhub.ill.state.RequestState.RENEW_REQUESTED;
import static org.consortiumhub.ill.state.RequestState.SENT;
import static org.consortiumhub.ill.state.RequestState.SHIPPED;
import static org.consortiumhub.ill.state.RequestState.SHIPPED_RETURN;
import static org.consortiumhub.ill.state.RequestState.SOURCING;
import static org.consortiumhub.ill.state.Side.REQUESTER;
import static org.consortiumhub.ill.state.Side.SUPPLIER;
import static org.consortiumhub.ill.state.Side.SYSTEM;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.consortiumhub.ill.state.Transition.Effect;

/**
 * The life of a request as data: every transition the requester, the supplier and the hub may make, for
 * returnable (loan) and non-returnable (copy) requests. Services look actions up here instead of deciding in code,
 * so the model can be shown, tested and explained as it is.
 *
 * <p>Each state also carries the ISO 18626 supplying-agency status the lender's side is in, the vocabulary other ILL
 * systems speak.
 */
public final class StateModel {

    public static final StateModel RETURNABLE = new StateModel(ServiceType.LOAN, returnable());
    public static final StateModel NON_RETURNABLE = new StateModel(ServiceType.COPY, nonReturnable());

    private final ServiceType serviceType;
    private final List<Transition> transitions;

    private StateModel(ServiceType serviceType, List<Transition> transitions) {
        this.serviceType = serviceType;
        this.transitions = List.copyOf(transitions);
    }

    public static StateModel of(ServiceType type) {
        return type.returnable() ? RETURNABLE : NON_RETURNABLE;
    }

    public ServiceType serviceType() {
        return serviceType;
    }

    public List<Transition> transitions() {
        return transitions;
    }

    /** The transition this side's action makes from this state, if the model has one. */
    public Optional<Transition> find(RequestState from, IllAction action, Side side) {
        return transitions.stream().filter(t -> t.from() == from && t.action() == action && t.side() == side).findFirst();
    }

    /** The actions this side may take in this state, in the model's order. */
    public List<IllAction> allowed(RequestState state, Side side) {
        List<IllAction> actions = new ArrayList<>();
        for (Transition t : transitions) {
            if (t.from() == state && t.side() == side && !actions.contains(t.action())) {
                actions.add(t.action());
            }
        }
        return actions;
    }

    /** The ISO 18626 supplying-agency status of a request in this state (e.g. Loaned, CopyCompleted), or null before a lender has it. */
    public String isoSupplierStatus(RequestState state) {
        return ISO_STATUS.get(serviceType).get(state);
    }

    private static final Map<ServiceType, Map<RequestState, String>> ISO_STATUS = Map.of(
            ServiceType.LOAN, isoStatuses("Loaned", "LoanCompleted"),
            ServiceType.COPY, isoStatuses("CopyCompleted", "CopyCompleted"));

    private static Map<RequestState, String> isoStatuses(String shipped, String completed) {
        Map<RequestState, String> m = new EnumMap<>(RequestState.class);
        m.put(SENT, "RequestReceived");
        m.put(RequestState.EXPECT_TO_SUPPLY, "ExpectToSupply");
        m.put(RequestState.WILL_SUPPLY, "WillSupply");
        // conditions are announced with ExpectToSupply and a note; the lender has not committed yet
        m.put(CONDITIONAL, "ExpectToSupply");
        m.put(CANCEL_REQUESTED, "RequestReceived");
        m.put(SHIPPED, shipped);
        m.put(RequestState.RECEIVED, "Loaned");
        m.put(RENEW_REQUESTED, "Loaned");
        m.put(OVERDUE, "Overdue");
        m.put(RECALLED, "Recalled");
        m.put(SHIPPED_RETURN, "Loaned");
        m.put(END_OF_ROTA, "Unfilled");
        m.put(COMPLETED, completed);
        m.put(CANCELLED, "Cancelled");
        return m;
    }

    /**
     * The part both models share: sourcing, lender answers, conditions, unfilled, cancel, end of rota. A lender's turn
     * that ends without supplying leads back to SOURCING, from which the hub itself sends to the next lender or, with
     * none left, ends the rota.
     */
    private static List<Transition> sourcing(List<Transition> t) {
        add(t, SOURCING, SEND, SYSTEM, SENT, Effect.NEXT_LENDER);
        add(t, SOURCING, IllAction.END_ROTA, SYSTEM, END_OF_ROTA, Effect.NONE);
        add(t, SENT, EXPECT_TO_SUPPLY, SUPPLIER, RequestState.EXPECT_TO_SUPPLY, Effect.NONE);
        for (RequestState s : List.of(SENT, RequestState.EXPECT_TO_SUPPLY)) {
            add(t, s, WILL_SUPPLY, SUPPLIER, RequestState.WILL_SUPPLY, Effect.NONE);
            add(t, s, ADD_CONDITIONS, SUPPLIER, CONDITIONAL, Effect.NONE);
        }
        for (RequestState s : List.of(SENT, RequestState.EXPECT_TO_SUPPLY, RequestState.WILL_SUPPLY, CONDITIONAL)) {
            add(t, s, UNFILLED, SUPPLIER, SOURCING, Effect.LENDER_DONE);
        }
        add(t, SENT, SKIP_LENDER, SYSTEM, SOURCING, Effect.LENDER_DONE);
        add(t, CONDITIONAL, ACCEPT_CONDITIONS, REQUESTER, RequestState.WILL_SUPPLY, Effect.NONE);
        add(t, CONDITIONAL, REJECT_CONDITIONS, REQUESTER, SOURCING, Effect.LENDER_DONE);
        for (RequestState s : List.of(SENT, RequestState.EXPECT_TO_SUPPLY, RequestState.WILL_SUPPLY, CONDITIONAL)) {
            add(t, s, CANCEL, REQUESTER, CANCEL_REQUESTED, Effect.NONE);
        }
        add(t, CANCEL_REQUESTED, CONFIRM_CANCEL, SUPPLIER, CANCELLED, Effect.NONE);
        add(t, CANCEL_REQUESTED, DENY_CANCEL, SUPPLIER, RequestState.WILL_SUPPLY, Effect.NONE);
        add(t, END_OF_ROTA, RE_REQUEST, REQUESTER, SOURCING, Effect.REBUILD_ROTA);
        add(t, END_OF_ROTA, CANCEL, REQUESTER, CANCELLED, Effect.NONE);
        return t;
    }

    private static void shipping(List<Transition> t, Effect effect) {
        for (RequestState s : List.of(SENT, RequestState.EXPECT_TO_SUPPLY, RequestState.WILL_SUPPLY)) {
            add(t, s, SHIP, SUPPLIER, SHIPPED, effect);
        }
    }

    private static List<Transition> returnable() {
        List<Transition> t = sourcing(new ArrayList<>());
        shipping(t, Effect.SET_DUE_DATE);
        add(t, SHIPPED, RECEIVED, REQUESTER, RequestState.RECEIVED, Effect.NONE);
        add(t, RequestState.RECEIVED, MARK_OVERDUE, SYSTEM, OVERDUE, Effect.NONE);
        for (RequestState s : List.of(RequestState.RECEIVED, OVERDUE)) {
            add(t, s, REQUEST_RENEWAL, REQUESTER, RENEW_REQUESTED, Effect.NONE);
        }
        add(t, RENEW_REQUESTED, GRANT_RENEWAL, SUPPLIER, RequestState.RECEIVED, Effect.EXTEND_DUE_DATE);
        add(t, RENEW_REQUESTED, DENY_RENEWAL, SUPPLIER, RequestState.RECEIVED, Effect.NONE);
        for (RequestState s : List.of(RequestState.RECEIVED, RENEW_REQUESTED, OVERDUE)) {
            add(t, s, RECALL, SUPPLIER, RECALLED, Effect.NONE);
        }
        for (RequestState s : List.of(RequestState.RECEIVED, RENEW_REQUESTED, OVERDUE, RECALLED)) {
            add(t, s, SHIP_RETURN, REQUESTER, SHIPPED_RETURN, Effect.NONE);
        }
        add(t, SHIPPED_RETURN, CHECK_IN, SUPPLIER, COMPLETED, Effect.NONE);
        return t;
    }

    private static List<Transition> nonReturnable() {
        List<Transition> t = sourcing(new ArrayList<>());
        shipping(t, Effect.NONE);
        // a copy is the borrower's to keep: receiving it completes the request
        add(t, SHIPPED, RECEIVED, REQUESTER, COMPLETED, Effect.NONE);
        return t;
    }

    private static void add(List<Transition> t, RequestState from, IllAction action, Side side, RequestState to, Effect effect) {
        t.add(new Transition(from, action, side, to, effect));
    }
}
