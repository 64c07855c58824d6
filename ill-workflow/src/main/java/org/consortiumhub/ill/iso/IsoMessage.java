package org.consortiumhub.ill.iso;

import java.math.BigDecimal;
import java.util.List;

/** The three ISO 18626 messages an ILL peer sends, as far as the hub reads them. */
public sealed interface IsoMessage permits IsoMessage.Request, IsoMessage.SupplyingAgencyMessage, IsoMessage.RequestingAgencyMessage {

    Header header();

    /** The element name of the message, e.g. {@code request}. */
    String kind();

    /** Agency ids are (type, value) pairs such as (ISIL, US-RVC). */
    record Header(String supplyingAgencyIdType, String supplyingAgencyId, String requestingAgencyIdType,
            String requestingAgencyId, String multipleItemRequestId, String timestamp, String requestingAgencyRequestId,
            String supplyingAgencyRequestId) {
    }

    record ItemId(String code, String value) {
    }

    record Request(Header header, String title, String author, String titleOfComponent, String authorOfComponent,
            String volume, String issue, String pagesRequested, List<ItemId> itemIds, String publicationDate,
            String serviceType, String serviceLevel, String needBeforeDate, String copyrightCompliance, String note,
            String patronId, String patronName, BigDecimal maximumCost) implements IsoMessage {

        public String kind() {
            return "request";
        }
    }

    record SupplyingAgencyMessage(Header header, String reasonForMessage, String answerYesNo, String note,
            String reasonUnfilled, String status, String dueDate) implements IsoMessage {

        public String kind() {
            return "supplyingAgencyMessage";
        }
    }

    record RequestingAgencyMessage(Header header, String action, String note) implements IsoMessage {

        public String kind() {
            return "requestingAgencyMessage";
        }
    }
}
