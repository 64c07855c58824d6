package org.consortiumhub.ill.iso;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.catalog.match.Isbn;
import org.consortiumhub.catalog.match.MatchKey;
import org.consortiumhub.catalog.search.CatalogQuery;
import org.consortiumhub.catalog.search.CatalogSearch;
import org.consortiumhub.ill.IllException;
import org.consortiumhub.ill.iso.IsoError.Type;
import org.consortiumhub.ill.request.IllRequests;
import org.consortiumhub.ill.request.NewRequest;
import org.consortiumhub.ill.state.ServiceType;
import org.consortiumhub.ill.state.Side;
import org.consortiumhub.ill.state.UnfilledReason;

import io.smallrye.mutiny.Uni;

/**
 * Carries out what external ILL systems say in ISO 18626: a {@code request} becomes a request of the member the
 * system belongs to (of the catalog cluster its ISBN names, when exactly one does); a {@code requestingAgencyMessage} is that member's action as borrower, a
 * {@code supplyingAgencyMessage} its answer as lender. Each goes through the same state model and checks as staff
 * actions. Every message gets its confirmation: OK, or ERROR with the ISO error that says why.
 */
@ApplicationScoped
public class IsoGateway {

    @Inject
    IllRequests requests;

    @Inject
    Clock clock;

    @Inject
    CatalogSearch catalog;

    /** Handles one message from the system of {@code memberCode}; the answer is the confirmation to send back. */
    public Uni<byte[]> receive(byte[] xml, String memberCode) {
        IsoMessage message;
        try {
            message = IsoReader.read(xml);
        } catch (IsoError e) {
            return Uni.createFrom().item(IsoWriter.confirmation(guessKind(xml), null, clock.instant(), e));
        }
        String actor = "iso18626:" + memberCode;
        Uni<Void> handled;
        try {
            if (message instanceof IsoMessage.Request r) {
                handled = request(r, memberCode, actor);
            } else if (message instanceof IsoMessage.RequestingAgencyMessage a) {
                handled = requesting(a, memberCode, actor);
            } else {
                handled = supplying((IsoMessage.SupplyingAgencyMessage) message, memberCode, actor);
            }
        } catch (IsoError | IllException e) {
            handled = Uni.createFrom().failure(e);
        }
        IsoMessage received = message;
        return handled.map(ignored -> IsoWriter.confirmation(received.kind(), received, clock.instant(), null))
                .onFailure(e -> e instanceof IsoError || e instanceof IllException)
                .recoverWithItem(e -> IsoWriter.confirmation(received.kind(), received, clock.instant(), iso(e)));
    }

    private Uni<Void> request(IsoMessage.Request r, String member, String actor) {
        sameAgency("requestingAgencyId", r.header().requestingAgencyId(), member);
        boolean copy = r.serviceType().equals("Copy");
        String level = r.serviceLevel() == null ? "" : r.serviceLevel().toLowerCase(Locale.ROOT);
        String copyright = r.copyrightCompliance() == null ? "" : r.copyrightCompliance().toUpperCase(Locale.ROOT);
        String issn = r.itemIds().stream().filter(i -> "ISSN".equalsIgnoreCase(i.code())).map(IsoMessage.ItemId::value)
                .findFirst().orElse(null);
        NewRequest req = new NewRequest(copy ? ServiceType.COPY : ServiceType.LOAN, null, r.title(), r.author(),
                r.titleOfComponent(), r.authorOfComponent(), r.volume(), r.issue(), r.pagesRequested(), null, issn,
                r.patronId() == null ? "ISO-" + r.header().requestingAgencyRequestId() : r.patronId(), r.patronName(),
                date("serviceInfo/needBeforeDate", r.needBeforeDate()),
                level.equals("rush") || level.equals("urgent") ? NewRequest.ServiceLevel.RUSH : NewRequest.ServiceLevel.NORMAL,
                r.maximumCost(), r.note(),
                copy ? (copyright.contains("CCL") ? NewRequest.Copyright.CCL : NewRequest.Copyright.CCG) : null, false);
        return clusterOf(r).flatMap(cluster -> requests.create(actor, member, cluster == null ? req : req.forCluster(cluster),
                r.header().requestingAgencyRequestId())).replaceWithVoid();
    }

    /** The catalog cluster an ISBN of the request names, when exactly one does; else the request stays a citation. */
    private Uni<Long> clusterOf(IsoMessage.Request r) {
        String isbn = r.itemIds().stream().filter(i -> "ISBN".equalsIgnoreCase(i.code()) && i.value() != null)
                .map(i -> Isbn.normalize(i.value())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (isbn == null) {
            return Uni.createFrom().nullItem();
        }
        return catalog.searchDatabase(new CatalogQuery(java.util.List.of(),
                java.util.List.of(new MatchKey(MatchKey.Kind.ISBN, isbn).hash()), null, null, null, null, null, null, 1, 2))
                .map(page -> page.hits().size() == 1 ? page.hits().get(0).clusterId() : null);
    }

    private Uni<Void> requesting(IsoMessage.RequestingAgencyMessage a, String member, String actor) {
        sameAgency("requestingAgencyId", a.header().requestingAgencyId(), member);
        String action = switch (a.action()) {
            case "Received" -> "received";
            case "Cancel" -> "cancel";
            case "Renew" -> "requestRenewal";
            case "ShippedReturn" -> "shipReturn";
            // asking for the status and notes change nothing: the confirmation is the answer
            case "StatusRequest", "Notification" -> null;
            default -> throw new IsoError(Type.UnsupportedActionType, "action: the hub does not take " + a.action());
        };
        return requests.findByPeerId(member, a.header().requestingAgencyRequestId()).flatMap(id -> action == null
                ? Uni.createFrom().voidItem()
                : requests.act(id, actor, (requestId, borrower, lender) -> side(borrower, member, Side.REQUESTER, requestId),
                        action, a.note(), null, null));
    }

    private Uni<Void> supplying(IsoMessage.SupplyingAgencyMessage s, String member, String actor) {
        sameAgency("supplyingAgencyId", s.header().supplyingAgencyId(), member);
        long id;
        try {
            id = Long.parseLong(s.header().requestingAgencyRequestId());
        } catch (NumberFormatException e) {
            throw new IsoError(Type.UnrecognisedDataValue, "requestingAgencyRequestId: '"
                    + s.header().requestingAgencyRequestId() + "' is not a request the hub sent");
        }
        String reason = null;
        String note = s.note();
        String action;
        boolean yes = !"N".equals(s.answerYesNo());
        if (s.reasonForMessage().equals("CancelResponse")) {
            action = yes ? "confirmCancel" : "denyCancel";
        } else if (s.reasonForMessage().equals("RenewResponse")) {
            action = yes ? "grantRenewal" : "denyRenewal";
        } else {
            action = switch (s.status()) {
                case "ExpectToSupply" -> "expectToSupply";
                case "WillSupply" -> "willSupply";
                case "Loaned", "CopyCompleted" -> "ship";
                case "Unfilled" -> "unfilled";
                case "Recalled" -> "recall";
                case "LoanCompleted", "CompletedWithoutReturn" -> "checkIn";
                case "RetryPossible" -> "addConditions";
                case "Cancelled" -> "confirmCancel";
                // statuses the hub keeps itself or that change nothing
                default -> null;
            };
            if ("unfilled".equals(action)) {
                reason = UnfilledReason.of(s.reasonUnfilled() == null ? "" : s.reasonUnfilled())
                        .map(Enum::name).orElse(UnfilledReason.NotAvailableForILL.name());
                if (s.reasonUnfilled() != null && !s.reasonUnfilled().equals(reason)) {
                    note = "reason given: " + s.reasonUnfilled() + (note == null ? "" : "; " + note);
                }
            }
            if ("addConditions".equals(action) && note == null) {
                note = "retry possible";
            }
        }
        if (action == null) {
            return Uni.createFrom().voidItem();
        }
        return requests.act(id, actor, (requestId, borrower, lender) -> side(lender, member, Side.SUPPLIER, requestId),
                action, note, reason, null);
    }

    private static Side side(String party, String member, Side side, long requestId) {
        if (party != null && party.equalsIgnoreCase(member)) {
            return side;
        }
        throw new IsoError(Type.UnrecognisedDataValue, "request " + requestId + " has " + member + " as neither "
                + (side == Side.SUPPLIER ? "its current lender" : "its borrower"));
    }

    private static void sameAgency(String field, String agency, String member) {
        if (agency == null || !agency.equalsIgnoreCase(member)) {
            throw new IsoError(Type.UnrecognisedDataValue, field + ": '" + agency
                    + "' is not the member whose key sent the message (" + member + ")");
        }
    }

    private static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toLocalDate();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.length() >= 10 ? value.substring(0, 10) : value);
            } catch (DateTimeParseException again) {
                throw new IsoError(Type.UnrecognisedDataValue, field + ": '" + value + "' is not a date and time");
            }
        }
    }

    private static IsoError iso(Throwable e) {
        if (e instanceof IsoError iso) {
            return iso;
        }
        IllException ill = (IllException) e;
        return new IsoError(ill.status() == 409 && !ill.allowedActions().isEmpty() ? Type.UnsupportedActionType
                : Type.UnrecognisedDataValue, ill.getMessage());
    }

    /** Which confirmation to answer an unreadable message with: the one its text names, else requestConfirmation. */
    static String guessKind(byte[] xml) {
        String text = new String(xml, 0, Math.min(xml.length, 4096), StandardCharsets.UTF_8);
        if (text.contains("supplyingAgencyMessage")) {
            return "supplyingAgencyMessage";
        }
        return text.contains("requestingAgencyMessage") ? "requestingAgencyMessage" : "request";
    }
}
