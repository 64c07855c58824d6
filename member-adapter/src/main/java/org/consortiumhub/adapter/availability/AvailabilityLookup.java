package org.consortiumhub.adapter.availability;

import java.util.List;

/** Asks the member's system which items it has of a record and whether each can be lent now. */
public interface AvailabilityLookup {

    List<ItemAvailability> byLocalId(String localId) throws AvailabilityException, InterruptedException;

    List<ItemAvailability> byIsbn(String isbn) throws AvailabilityException, InterruptedException;
}
