package org.consortiumhub.adapter.checkpoint;

/** The adapter's state folder cannot be used; the message says why. */
public class CheckpointException extends Exception {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
