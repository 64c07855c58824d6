package org.consortiumhub.ill.request;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.consortiumhub.ill.state.IllAction;
import org.consortiumhub.ill.state.RequestState;
import org.consortiumhub.ill.state.ServiceType;

/** A request as staff see it: what is asked for, where it stands, its timeline (the audit trail) and its rota. */
public record RequestView(long id, ServiceType serviceType, Long clusterId, String title, String author, String format,
        String articleTitle, String articleAuthor, String volume, String issue, String pages, Integer year, String issn,
        String patronId, String patronName, LocalDate needBefore, NewRequest.ServiceLevel serviceLevel, BigDecimal maxCost,
        String notes, NewRequest.Copyright copyright, boolean copyrightPermission, String borrowerCode, String lenderCode, RequestState state,
        String isoStatus, LocalDate dueDate, Long duplicateOf, OffsetDateTime createdAt, String createdBy,
        OffsetDateTime updatedAt, int version, List<IllAction> requesterActions, List<IllAction> supplierActions,
        List<Event> timeline, List<RotaLine> rota) {

    /** One transition of the audit trail. */
    public record Event(OffsetDateTime at, String actor, String side, String action, RequestState from, RequestState to,
            String lenderCode, String note, String reason) {
    }

    /** One member of a rota: asked in turn ({@code position}) or left out ({@code position} null), and why. */
    public record RotaLine(int round, Integer position, String memberCode, String explanation, OffsetDateTime sentAt,
            String outcome) {
    }

    /** The members whose staff see the request as lender: the current lender and every lender it was sent to. */
    public List<String> askedLenders() {
        return rota.stream().filter(l -> l.sentAt() != null).map(RotaLine::memberCode).distinct().toList();
    }
}
