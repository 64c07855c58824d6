package org.consortiumhub.adapter.availability;

import java.time.LocalDate;

/** One item of a record as the member's system reports it now. */
public record ItemAvailability(String localId, String barcode, String location, String callNumber, ItemStatus status,
        LocalDate dueDate) {
}
