package org.consortiumhub.adapter.hub;

/** Why the adapter could not work with the hub, with a message a systems librarian can act on. */
public class HubConnectionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of fix the failure calls for; commands turn it into an exit code. */
    public enum Reason {
        /** A setting is missing or malformed: fix the adapter's configuration. */
        SETTINGS_INVALID,
        /** No answer from the hub: check the address, the network, or whether the hub is up. */
        HUB_UNREACHABLE,
        /** The hub answered but will not let these credentials act as a member's adapter. */
        KEY_NOT_ACCEPTED,
        /** The hub answered with an error of its own, or with something the adapter cannot read. */
        HUB_ERROR
    }

    private final Reason reason;
    private final int status;

    public HubConnectionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
        this.status = 0;
    }

    public HubConnectionException(Reason reason, int status, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    public HubConnectionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = 0;
    }

    public Reason reason() {
        return reason;
    }

    /** The hub's HTTP status when it answered with an error, else 0. */
    public int status() {
        return status;
    }

    /** True when trying again later may succeed: no answer, or the hub (or a proxy before it) failed on its side. */
    public boolean mayPass() {
        return reason == Reason.HUB_UNREACHABLE || reason == Reason.HUB_ERROR && (status >= 500 || status == 429);
    }
}
