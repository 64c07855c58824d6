package org.consortiumhub.ill.state;

/** What the borrower asks for: the item itself on loan (returnable) or a copy of part of it (non-returnable). */
public enum ServiceType {
    LOAN("Loan"),
    COPY("Copy");

    private final String iso;

    ServiceType(String iso) {
        this.iso = iso;
    }

    /** The ISO 18626 ServiceType value. */
    public String iso() {
        return iso;
    }

    public boolean returnable() {
        return this == LOAN;
    }
}
