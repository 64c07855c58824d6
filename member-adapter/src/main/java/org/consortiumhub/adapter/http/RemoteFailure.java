package org.consortiumhub.adapter.http;

/** A member's server could not be asked, or answered with an error; the message says which and what happened. */
public class RemoteFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public RemoteFailure(String message, int status) {
        super(message);
        this.status = status;
    }

    public RemoteFailure(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the answer, or 0 when there was none. */
    public int status() {
        return status;
    }

    RemoteFailure afterAttempts(int attempts) {
        return attempts == 1 ? this
                : new RemoteFailure(getMessage() + " (gave up after " + attempts + " attempts)", status, getCause());
    }
}
