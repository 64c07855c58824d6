package org.consortiumhub.hub.reports;

import java.time.LocalDate;

import jakarta.inject.Inject;

import org.consortiumhub.api.model.BuyInsteadOfBorrowReport;
import org.consortiumhub.api.server.SuggestionsApi;
import org.consortiumhub.hub.access.AccessPolicy;
import org.consortiumhub.hub.access.Caller;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Buy-instead-of-borrow suggestions over the API, for alliance managers and admins. */
@Authenticated
public class BuyInsteadOfBorrowResource implements SuggestionsApi {

    @Inject
    BuyInsteadOfBorrow report;

    @Inject
    SecurityIdentity identity;

    @Override
    public Uni<BuyInsteadOfBorrowReport> buyInsteadOfBorrowReport(LocalDate from, LocalDate to, Integer minRequests) {
        return Uni.createFrom().deferred(() -> {
            AccessPolicy.readAllianceReports(Caller.of(identity), "buy-instead-of-borrow");
            return report.suggestions(from, to, minRequests);
        });
    }
}
