package org.consortiumhub.ill.request;

import org.consortiumhub.ill.state.RequestState;
import org.consortiumhub.ill.state.ServiceType;

/**
 * A queue of requests: a member's borrowing (it is the borrower) or lending (it is the current lender), or all for
 * consortium-wide readers; every filter optional.
 */
public record RequestQuery(String borrowerCode, String lenderCode, RequestState state, ServiceType serviceType,
        String patronId, boolean activeOnly, int page, int size) {
}
