package org.consortiumhub.ill.iso;

import static org.consortiumhub.ill.iso.IsoXml.add;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.consortiumhub.ill.iso.IsoMessage.Header;
import org.consortiumhub.ill.iso.IsoMessage.ItemId;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the ISO 18626 v1.2 messages the hub sends: requests and requesting-agency messages to members that are
 * external ILL systems, and the confirmations that answer every message a peer sends. Elements follow the schema's
 * order, so what is written validates against it.
 */
public final class IsoWriter {

    /** What the hub asks an external lender for. */
    public record OutgoingRequest(Header header, String title, String author, String titleOfComponent,
            String authorOfComponent, String volume, String issue, String pages, List<ItemId> itemIds, String serviceType,
            boolean rush, LocalDate needBefore, String copyrightCompliance, String note, String patronId,
            BigDecimal maximumCost) {
    }

    private IsoWriter() {
    }

    public static byte[] request(OutgoingRequest r) {
        Document doc = IsoXml.newDocument();
        Element m = wrap(doc, "request");
        header(m, r.header());
        Element bib = add(m, "bibliographicInfo", null);
        addIfPresent(bib, "title", r.title());
        addIfPresent(bib, "author", r.author());
        addIfPresent(bib, "titleOfComponent", r.titleOfComponent());
        addIfPresent(bib, "authorOfComponent", r.authorOfComponent());
        addIfPresent(bib, "volume", r.volume());
        addIfPresent(bib, "issue", r.issue());
        addIfPresent(bib, "pagesRequested", r.pages());
        for (ItemId id : r.itemIds()) {
            Element item = add(bib, "bibliographicItemId", null);
            add(item, "bibliographicItemIdentifier", id.value());
            add(item, "bibliographicItemIdentifierCode", id.code());
        }
        Element service = add(m, "serviceInfo", null);
        add(service, "requestType", "New");
        add(service, "serviceType", r.serviceType());
        add(service, "serviceLevel", r.rush() ? "Rush" : "Normal");
        if (r.needBefore() != null) {
            add(service, "needBeforeDate", r.needBefore().atTime(23, 59, 59).toInstant(ZoneOffset.UTC).toString());
        }
        addIfPresent(service, "copyrightCompliance", r.copyrightCompliance());
        addIfPresent(service, "note", r.note());
        if (r.patronId() != null) {
            Element patron = add(m, "patronInfo", null);
            add(patron, "patronId", r.patronId());
        }
        if (r.maximumCost() != null) {
            Element billing = add(m, "billingInfo", null);
            Element costs = add(billing, "maximumCosts", null);
            add(costs, "currencyCode", "USD");
            add(costs, "monetaryValue", r.maximumCost().toPlainString());
        }
        return IsoXml.write(doc);
    }

    public static byte[] requestingAgencyMessage(Header header, String action, String note) {
        Document doc = IsoXml.newDocument();
        Element m = wrap(doc, "requestingAgencyMessage");
        header(m, header);
        add(m, "action", action);
        addIfPresent(m, "note", note);
        return IsoXml.write(doc);
    }

    /** A lender's answer or status change, for a borrower that is an external system. */
    public static byte[] supplyingAgencyMessage(Header header, String reasonForMessage, String answerYesNo, String note,
            String reasonUnfilled, String status, Instant dueDate, Instant lastChange, boolean sent) {
        Document doc = IsoXml.newDocument();
        Element m = wrap(doc, "supplyingAgencyMessage");
        header(m, header);
        Element info = add(m, "messageInfo", null);
        add(info, "reasonForMessage", reasonForMessage);
        addIfPresent(info, "answerYesNo", answerYesNo);
        addIfPresent(info, "note", note);
        addIfPresent(info, "reasonUnfilled", reasonUnfilled);
        Element statusInfo = add(m, "statusInfo", null);
        add(statusInfo, "status", status);
        if (dueDate != null) {
            add(statusInfo, "dueDate", dueDate.toString());
        }
        add(statusInfo, "lastChange", lastChange.truncatedTo(ChronoUnit.MILLIS).toString());
        if (sent) {
            Element delivery = add(m, "deliveryInfo", null);
            add(delivery, "dateSent", lastChange.truncatedTo(ChronoUnit.MILLIS).toString());
        }
        return IsoXml.write(doc);
    }

    /**
     * The confirmation of a message of this kind ({@code request}, {@code supplyingAgencyMessage} or
     * {@code requestingAgencyMessage}): OK, or ERROR with the error. {@code received} null when the message could not
     * be read at all (then there is no header to echo).
     */
    public static byte[] confirmation(String kind, IsoMessage received, Instant at, IsoError error) {
        String answer = switch (kind) {
            case "supplyingAgencyMessage" -> "supplyingAgencyMessageConfirmation";
            case "requestingAgencyMessage" -> "requestingAgencyMessageConfirmation";
            default -> "requestConfirmation";
        };
        Document doc = IsoXml.newDocument();
        Element m = wrap(doc, answer);
        Element h = add(m, "confirmationHeader", null);
        Header header = received == null ? null : received.header();
        if (header != null && header.supplyingAgencyId() != null) {
            agency(h, "supplyingAgencyId", header.supplyingAgencyIdType(), header.supplyingAgencyId());
        }
        if (header != null && header.requestingAgencyId() != null) {
            agency(h, "requestingAgencyId", header.requestingAgencyIdType(), header.requestingAgencyId());
        }
        String now = at.truncatedTo(ChronoUnit.MILLIS).toString();
        add(h, "timestamp", now);
        if (header != null) {
            add(h, "requestingAgencyRequestId", header.requestingAgencyRequestId());
            addIfPresent(h, "multipleItemRequestId", header.multipleItemRequestId());
        }
        add(h, "timestampReceived", now);
        add(h, "messageStatus", error == null ? "OK" : "ERROR");
        if (received instanceof IsoMessage.SupplyingAgencyMessage s) {
            add(m, "reasonForMessage", s.reasonForMessage());
        } else if (received instanceof IsoMessage.RequestingAgencyMessage r) {
            add(m, "action", r.action());
        }
        if (error != null) {
            Element e = add(m, "errorData", null);
            add(e, "errorType", error.type().name());
            addIfPresent(e, "errorValue", error.value());
        }
        return IsoXml.write(doc);
    }

    private static Element wrap(Document doc, String message) {
        Element root = doc.createElementNS(IsoXml.NS, "ISO18626Message");
        root.setAttributeNS(IsoXml.NS, "ill:version", IsoXml.VERSION);
        doc.appendChild(root);
        return add(root, message, null);
    }

    private static void header(Element m, Header h) {
        Element e = add(m, "header", null);
        agency(e, "supplyingAgencyId", h.supplyingAgencyIdType(), h.supplyingAgencyId());
        agency(e, "requestingAgencyId", h.requestingAgencyIdType(), h.requestingAgencyId());
        add(e, "multipleItemRequestId", h.multipleItemRequestId() == null ? "" : h.multipleItemRequestId());
        add(e, "timestamp", h.timestamp());
        add(e, "requestingAgencyRequestId", h.requestingAgencyRequestId());
        addIfPresent(e, "supplyingAgencyRequestId", h.supplyingAgencyRequestId());
    }

    private static void agency(Element parent, String name, String type, String value) {
        Element a = add(parent, name, null);
        add(a, "agencyIdType", type == null ? "ISIL" : type);
        add(a, "agencyIdValue", value);
    }

    private static void addIfPresent(Element parent, String name, String text) {
        if (text != null && !text.isBlank()) {
            add(parent, name, text);
        }
    }
}
