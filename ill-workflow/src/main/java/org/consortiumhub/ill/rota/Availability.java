package org.consortiumhub.ill.rota;

import java.util.List;

/**
 * What a member's adapter said about its copies just now, if it was asked.
 *
 * @param items each copy the adapter reported, with its status in the adapter's vocabulary
 * @param problem why the adapter could not be asked (unreachable, refused, answered nonsense), or null
 */
public record Availability(Outcome outcome, List<Item> items, String problem) {

    public enum Outcome {
        /** The member has no availability endpoint configured. */
        NOT_CONFIGURED,
        CHECKED,
        UNREACHABLE
    }

    public record Item(String localId, String barcode, String status, String dueDate) {
    }

    public Availability {
        items = List.copyOf(items);
    }

    public static Availability notConfigured() {
        return new Availability(Outcome.NOT_CONFIGURED, List.of(), null);
    }

    public static Availability checked(List<Item> items) {
        return new Availability(Outcome.CHECKED, items, null);
    }

    public static Availability unreachable(String problem) {
        return new Availability(Outcome.UNREACHABLE, List.of(), problem);
    }

    public long available() {
        return items.stream().filter(i -> "AVAILABLE".equals(i.status())).count();
    }
}
