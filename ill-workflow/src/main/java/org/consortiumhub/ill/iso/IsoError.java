package org.consortiumhub.ill.iso;

/**
 * A message the hub cannot take, in ISO 18626's terms: the confirmation carries {@code errorData} with this type and
 * value instead of a bare HTTP error.
 */
public class IsoError extends RuntimeException {

    /** ISO 18626 v1.2 errorType values. */
    public enum Type {
        UnsupportedActionType,
        UnsupportedReasonForMessageType,
        UnrecognisedDataElement,
        UnrecognisedDataValue,
        BadlyFormedMessage
    }

    private final Type type;

    public IsoError(Type type, String value) {
        super(value);
        this.type = type;
    }

    public Type type() {
        return type;
    }

    /** The errorValue: what was wrong, in words a peer's staff can act on. */
    public String value() {
        return getMessage();
    }
}
