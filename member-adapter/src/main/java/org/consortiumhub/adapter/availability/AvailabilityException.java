package org.consortiumhub.adapter.availability;

/** Live availability could not be had; {@link #notFound()} tells an unknown record from a failing server. */
public class AvailabilityException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean notFound;

    public AvailabilityException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public AvailabilityException(String message, Throwable cause) {
        super(message, cause);
        this.notFound = false;
    }

    public boolean notFound() {
        return notFound;
    }
}
