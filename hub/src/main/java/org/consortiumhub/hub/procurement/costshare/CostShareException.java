package org.consortiumhub.hub.procurement.costshare;

/** A formula that cannot be applied as asked, with the reason in words a manager can act on. */
public class CostShareException extends IllegalArgumentException {

    public CostShareException(String message) {
        super(message);
    }
}
