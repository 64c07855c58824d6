package org.consortiumhub.hub.access;

/** What a staff account may do in the hub. */
public enum StaffRole {
    /** Runs the hub: members, accounts, keys. */
    ADMIN,
    /** Reads across all members; records procurement and preservation decisions. */
    ALLIANCE_MANAGER,
    /** Borrows and lends for one member library. */
    ILL_STAFF
}
