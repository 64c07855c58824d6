package org.consortiumhub.ill.state;

import java.util.Arrays;
import java.util.Optional;

/** ISO 18626 ReasonUnfilled values (v1.2 code list) a lender gives when it cannot supply. */
public enum UnfilledReason {
    NotHeld,
    NotOnShelf,
    NotAvailableForILL,
    PolicyProblem,
    NotFoundAsCited,
    LocalPolicy,
    OnOrder,
    InProcess,
    NonCirculating,
    OnLoan,
    NoMoreCopies,
    LostOrMissing;

    public static Optional<UnfilledReason> of(String value) {
        return Arrays.stream(values()).filter(r -> r.name().equals(value)).findFirst();
    }
}
