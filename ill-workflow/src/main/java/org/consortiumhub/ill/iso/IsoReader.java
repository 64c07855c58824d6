package org.consortiumhub.ill.iso;

import static org.consortiumhub.ill.iso.IsoXml.child;
import static org.consortiumhub.ill.iso.IsoXml.children;
import static org.consortiumhub.ill.iso.IsoXml.name;
import static org.consortiumhub.ill.iso.IsoXml.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.consortiumhub.ill.iso.IsoError.Type;
import org.consortiumhub.ill.iso.IsoMessage.Header;
import org.consortiumhub.ill.iso.IsoMessage.ItemId;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads the ISO 18626 messages peers send: {@code request}, {@code supplyingAgencyMessage} and
 * {@code requestingAgencyMessage}, bare or inside {@code ISO18626Message}, in the standard's namespace or (as some
 * systems send them) in none. Anything else, and values outside the
 * standard's code lists, is refused with the ISO error type that fits.
 */
public final class IsoReader {

    static final Set<String> STATUSES = Set.of("RequestReceived", "ExpectToSupply", "WillSupply", "Loaned", "Overdue",
            "Recalled", "RetryPossible", "Unfilled", "CopyCompleted", "LoanCompleted", "CompletedWithoutReturn", "Cancelled");
    static final Set<String> ACTIONS = Set.of("StatusRequest", "Received", "Cancel", "Renew", "ShippedReturn",
            "ShippedForward", "Notification");
    static final Set<String> REASONS = Set.of("RequestResponse", "StatusRequestResponse", "RenewResponse", "CancelResponse",
            "StatusChange", "Notification");
    static final Set<String> SERVICE_TYPES = Set.of("Copy", "Loan", "CopyOrLoan");

    private static final Set<String> REQUEST_PARTS = Set.of("header", "bibliographicInfo", "publicationInfo", "serviceInfo",
            "supplierInfo", "requestedDeliveryInfo", "requestingAgencyInfo", "patronInfo", "billingInfo");
    private static final Set<String> SUPPLYING_PARTS = Set.of("header", "messageInfo", "statusInfo", "deliveryInfo", "returnInfo");
    private static final Set<String> REQUESTING_PARTS = Set.of("header", "action", "note");

    private IsoReader() {
    }

    public static IsoMessage read(byte[] xml) {
        Document doc = IsoXml.parse(xml);
        Element root = doc.getDocumentElement();
        Element message = root;
        if (name(root).equals("ISO18626Message")) {
            requireNamespace(root);
            List<Element> inner = children(root);
            if (inner.size() != 1) {
                throw new IsoError(Type.BadlyFormedMessage, "ISO18626Message must hold exactly one message, it holds " + inner.size());
            }
            message = inner.get(0);
        }
        requireNamespace(message);
        return switch (name(message)) {
            case "request" -> request(message);
            case "supplyingAgencyMessage" -> supplying(message);
            case "requestingAgencyMessage" -> requesting(message);
            case "requestConfirmation", "supplyingAgencyMessageConfirmation", "requestingAgencyMessageConfirmation" ->
                    throw new IsoError(Type.UnsupportedActionType, name(message) + " is an answer; the hub takes request,"
                            + " supplyingAgencyMessage and requestingAgencyMessage");
            default -> throw new IsoError(Type.UnrecognisedDataElement, name(message) + " is not an ISO 18626 message");
        };
    }

    /** The ISO 18626 namespace, or none: some systems send their messages without it. Never another one. */
    private static void requireNamespace(Element e) {
        if (e.getNamespaceURI() != null && !IsoXml.NS.equals(e.getNamespaceURI())) {
            throw new IsoError(Type.BadlyFormedMessage, name(e) + " is not in the ISO 18626 namespace " + IsoXml.NS);
        }
    }

    private static void onlyKnownParts(Element message, Set<String> known) {
        for (Element part : children(message)) {
            if (!known.contains(name(part))) {
                throw new IsoError(Type.UnrecognisedDataElement, name(message) + "/" + name(part));
            }
        }
    }

    private static Element required(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            throw new IsoError(Type.BadlyFormedMessage, name(parent) + "/" + name + " is missing");
        }
        return e;
    }

    private static Header header(Element message) {
        Element h = required(message, "header");
        Element supplying = child(h, "supplyingAgencyId");
        Element requesting = child(h, "requestingAgencyId");
        String timestamp = text(h, "timestamp");
        if (timestamp == null) {
            throw new IsoError(Type.BadlyFormedMessage, "header/timestamp is missing");
        }
        String requestId = text(h, "requestingAgencyRequestId");
        if (requestId == null) {
            throw new IsoError(Type.BadlyFormedMessage, "header/requestingAgencyRequestId is missing");
        }
        return new Header(text(supplying, "agencyIdType"), text(supplying, "agencyIdValue"), text(requesting, "agencyIdType"),
                text(requesting, "agencyIdValue"), text(h, "multipleItemRequestId"), timestamp, requestId,
                text(h, "supplyingAgencyRequestId"));
    }

    private static IsoMessage.Request request(Element m) {
        onlyKnownParts(m, REQUEST_PARTS);
        Header header = header(m);
        Element bib = required(m, "bibliographicInfo");
        List<ItemId> ids = new ArrayList<>();
        for (Element e : children(bib)) {
            if (name(e).equals("bibliographicItemId")) {
                ids.add(new ItemId(text(e, "bibliographicItemIdentifierCode"), text(e, "bibliographicItemIdentifier")));
            }
        }
        Element service = child(m, "serviceInfo");
        String serviceType = text(service, "serviceType");
        if (serviceType != null && !SERVICE_TYPES.contains(serviceType)) {
            throw new IsoError(Type.UnrecognisedDataValue, "serviceInfo/serviceType: '" + serviceType + "' is not one of " + SERVICE_TYPES);
        }
        Element patron = child(m, "patronInfo");
        String surname = text(patron, "surname");
        String given = text(patron, "givenName");
        String patronName = surname == null ? given : given == null ? surname : surname + ", " + given;
        Element billing = child(m, "billingInfo");
        Element costs = billing == null ? null : child(billing, "maximumCosts");
        BigDecimal max = null;
        if (costs != null && text(costs, "monetaryValue") != null) {
            try {
                max = new BigDecimal(text(costs, "monetaryValue"));
            } catch (NumberFormatException e) {
                throw new IsoError(Type.UnrecognisedDataValue, "billingInfo/maximumCosts/monetaryValue: '"
                        + text(costs, "monetaryValue") + "' is not a decimal number");
            }
        }
        return new IsoMessage.Request(header, text(bib, "title"), text(bib, "author"), text(bib, "titleOfComponent"),
                text(bib, "authorOfComponent"), text(bib, "volume"), text(bib, "issue"), text(bib, "pagesRequested"), ids,
                text(child(m, "publicationInfo"), "publicationDate"), serviceType == null ? "Loan" : serviceType,
                text(service, "serviceLevel"), text(service, "needBeforeDate"), text(service, "copyrightCompliance"),
                text(service, "note"), text(patron, "patronId"), patronName, max);
    }

    private static IsoMessage.SupplyingAgencyMessage supplying(Element m) {
        onlyKnownParts(m, SUPPLYING_PARTS);
        Header header = header(m);
        Element info = required(m, "messageInfo");
        String reason = text(info, "reasonForMessage");
        if (reason == null || !REASONS.contains(reason)) {
            throw new IsoError(Type.UnsupportedReasonForMessageType, "messageInfo/reasonForMessage: '" + reason + "'");
        }
        String answer = text(info, "answerYesNo");
        if (answer != null && !answer.equals("Y") && !answer.equals("N")) {
            throw new IsoError(Type.UnrecognisedDataValue, "messageInfo/answerYesNo: '" + answer + "' is neither Y nor N");
        }
        Element statusInfo = required(m, "statusInfo");
        String status = text(statusInfo, "status");
        if (status == null || !STATUSES.contains(status)) {
            throw new IsoError(Type.UnrecognisedDataValue, "statusInfo/status: '" + status + "' is not an ISO 18626 status");
        }
        return new IsoMessage.SupplyingAgencyMessage(header, reason, answer, text(info, "note"), text(info, "reasonUnfilled"),
                status, text(statusInfo, "dueDate"));
    }

    private static IsoMessage.RequestingAgencyMessage requesting(Element m) {
        onlyKnownParts(m, REQUESTING_PARTS);
        Header header = header(m);
        String action = text(m, "action");
        if (action == null || !ACTIONS.contains(action)) {
            throw new IsoError(Type.UnsupportedActionType, "action: '" + action + "'");
        }
        return new IsoMessage.RequestingAgencyMessage(header, action, text(m, "note"));
    }
}
