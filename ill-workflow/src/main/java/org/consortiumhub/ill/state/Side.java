package org.consortiumhub.ill.state;

/** Who takes an action: the borrowing member (ISO 18626 requesting agency), the current lender (supplying agency), or the hub itself. */
public enum Side {
    REQUESTER,
    SUPPLIER,
    /** The hub's own steps: sending to the next lender, skipping a lender whose time ran out, marking a loan overdue. */
    SYSTEM
}
