package org.consortiumhub.catalog;

/**
 * A request the union catalog cannot carry out, with the HTTP status that fits and, where the request is at fault,
 * the parameter or field that is wrong. The hub turns it into a problem document.
 */
public class CatalogException extends RuntimeException {

    private final int status;
    private final String field;

    public CatalogException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static CatalogException invalid(String field, String message) {
        return new CatalogException(400, field, field + ": " + message);
    }

    public static CatalogException notFound(String message) {
        return new CatalogException(404, null, message);
    }

    public int status() {
        return status;
    }

    /** The request parameter or field at fault, or null. */
    public String field() {
        return field;
    }
}
