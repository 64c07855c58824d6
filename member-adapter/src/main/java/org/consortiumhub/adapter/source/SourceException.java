package org.consortiumhub.adapter.source;

/** The member's system could not be read; the message says what to check. Progress up to here is kept. */
public class SourceException extends Exception {

    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
