package org.consortiumhub.ill.state;

import java.util.Arrays;
import java.util.Optional;

/**
 * What staff (or the hub) do to a request. Requesting-agency actions map to ISO 18626 RequestingAgencyMessage
 * actions, supplying-agency actions to SupplyingAgencyMessage statuses; {@link StateModel} says who may take each
 * one in which state.
 */
public enum IllAction {
    // the hub itself
    SEND("send"),
    END_ROTA("endOfRota"),
    SKIP_LENDER("skipLender"),
    MARK_OVERDUE("markOverdue"),
    // the borrower (requesting agency)
    CANCEL("cancel"),
    ACCEPT_CONDITIONS("acceptConditions"),
    REJECT_CONDITIONS("rejectConditions"),
    RECEIVED("received"),
    REQUEST_RENEWAL("requestRenewal"),
    SHIP_RETURN("shipReturn"),
    RE_REQUEST("reRequest"),
    // the lender (supplying agency)
    EXPECT_TO_SUPPLY("expectToSupply"),
    WILL_SUPPLY("willSupply"),
    ADD_CONDITIONS("addConditions"),
    UNFILLED("unfilled"),
    SHIP("ship"),
    GRANT_RENEWAL("grantRenewal"),
    DENY_RENEWAL("denyRenewal"),
    RECALL("recall"),
    CHECK_IN("checkIn"),
    CONFIRM_CANCEL("confirmCancel"),
    DENY_CANCEL("denyCancel");

    private final String apiName;

    IllAction(String apiName) {
        this.apiName = apiName;
    }

    /** The action's name in the API and the audit trail, e.g. {@code willSupply}. */
    public String apiName() {
        return apiName;
    }

    public static Optional<IllAction> byApiName(String name) {
        return Arrays.stream(values()).filter(a -> a.apiName.equals(name)).findFirst();
    }
}
