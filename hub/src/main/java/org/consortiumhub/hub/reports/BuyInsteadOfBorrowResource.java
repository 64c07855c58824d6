package org.consortiumhub.hub.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.consortiumhub.api.model.BuyInsteadOfBorrowReport;
import org.consortiumhub.api.model.BuySuggestion;
import org.consortiumhub.api.model.MemberRequestCount;
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

    @Override
    public Uni<String> buyInsteadOfBorrowReportCsv(LocalDate from, LocalDate to, Integer minRequests) {
        return buyInsteadOfBorrowReport(from, to, minRequests).map(r -> {
            List<List<?>> rows = new ArrayList<>();
            for (BuySuggestion s : r.getSuggestions()) {
                for (MemberRequestCount m : s.getRequestingMembers()) {
                    rows.add(List.of(s.getClusterId(), s.getTitle(), s.getRequests(), s.getHolders(), m.getMemberCode(),
                            m.getRequests()));
                }
            }
            return CsvTable.of(new String[] { "cluster_id", "title", "requests", "holders", "member", "member_requests" }, rows);
        });
    }
}
