package org.consortiumhub.ill;

import java.util.List;

/**
 * A request the ILL workflow cannot carry out, with the HTTP status that fits, the fields at fault where the request
 * is to blame, and, for an action the request's state does not allow, the actions the caller could take instead. The
 * hub turns it into a problem document.
 */
public class IllException extends RuntimeException {

    /** A field of the caller's request and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final List<FieldError> fieldErrors;
    private final List<String> allowedActions;

    public IllException(int status, String message, List<FieldError> fieldErrors, List<String> allowedActions) {
        super(message);
        this.status = status;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.allowedActions = List.copyOf(allowedActions);
    }

    public static IllException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static IllException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid: " + String.join("; ",
                        errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        return new IllException(400, detail, errors, List.of());
    }

    public static IllException notFound(String message) {
        return new IllException(404, message, List.of(), List.of());
    }

    public static IllException conflict(String message) {
        return new IllException(409, message, List.of(), List.of());
    }

    public static IllException forbidden(String message) {
        return new IllException(403, message, List.of(), List.of());
    }

    /** An action the current state does not allow this side; the answer names the actions it does allow. */
    public static IllException actionNotAllowed(String message, List<String> allowed) {
        return new IllException(409, message, List.of(new FieldError("action", message)), allowed);
    }

    public int status() {
        return status;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** The actions the caller may take on the request now (empty unless the refusal is about the state). */
    public List<String> allowedActions() {
        return allowedActions;
    }
}
