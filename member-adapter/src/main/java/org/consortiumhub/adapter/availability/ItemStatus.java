package org.consortiumhub.adapter.availability;

import java.util.Locale;

/** Whether an item can be lent now, in the words of the availability contract. */
public enum ItemStatus {
    AVAILABLE, CHECKED_OUT, IN_TRANSIT, ON_HOLD, NOT_REQUESTABLE, UNKNOWN;

    /**
     * The status a library system's own wording means: Evergreen's "Checked out", Polaris' "In" and "Held", Sierra's
     * "DUE 01-11-23", Horizon's "Checked In", and the usual phrases for items that never leave the building.
     */
    public static ItemStatus fromText(String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.contains("transit")) {
            return IN_TRANSIT;
        }
        if (t.equals("held") || t.contains("on hold") || t.contains("hold shelf") || t.contains("holdshelf")
                || t.contains("ready for pickup") || t.contains("awaiting pickup")) {
            return ON_HOLD;
        }
        if (t.startsWith("due") || t.contains("checked out") || t.contains("charged") || t.contains("on loan")
                || t.equals("loaned") || t.equals("out")) {
            return CHECKED_OUT;
        }
        if (isNotRequestable(t)) {
            return NOT_REQUESTABLE;
        }
        if (t.equals("in") || t.contains("available") || t.contains("checked in") || t.contains("on shelf")
                || t.equals("check shelf")) {
            return t.contains("not available") || t.contains("unavailable") ? NOT_REQUESTABLE : AVAILABLE;
        }
        return UNKNOWN;
    }

    /** Locations and notes for items that stay in the library: reserves, reference, library use only, lost, ... */
    public static boolean isNotRequestable(String text) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("reserve") || t.contains("reference") || t.contains("use only") || t.contains("non-circ")
                || t.contains("noncirc") || t.contains("not for loan") || t.contains("missing") || t.contains("lost")
                || t.contains("withdrawn") || t.contains("damaged") || t.contains("in process") || t.contains("on order");
    }
}
