package org.consortiumhub.hub.access;

import static org.consortiumhub.hub.problem.ProblemException.forbidden;

/**
 * Who may do what to members, accounts and keys. Every rule says in its denial who was refused what, so
 * staff can tell a missing permission from a mistake.
 *
 * <ul>
 * <li>The member directory is open to staff of every role; an adapter sees only its own member.</li>
 * <li>Only admins add members, manage accounts and change a member's profile; ILL staff may change their own
 * library's contact e-mail and ILL shipping address.</li>
 * <li>Admins manage every member's adapter keys; ILL staff manage their own library's.</li>
 * <li>Admins and alliance managers read every account; ILL staff read their own library's.</li>
 * <li>Joint procurement, shared print and preservation: alliance managers propose, decide, run programs and read
 * every member's figures; ILL staff pledge, commit and report fixity checks only for their own library and see
 * only its pledges and shares; admins read everything but decide nothing; adapters have no part in them.</li>
 * </ul>
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    public static void listMembers(Caller caller) {
        if (caller.isAdapter()) {
            throw forbidden(caller.describe() + " may read only its own member, not the member directory");
        }
    }

    public static void readMember(Caller caller, String code) {
        if (caller.isAdapter() && !caller.actsFor(code)) {
            throw forbidden(caller.describe() + " may not read member " + code);
        }
    }

    public static void createMember(Caller caller) {
        requireAdmin(caller, "add member libraries");
    }

    /** Whether the caller may change every field of this member (admins), only its contact details (its ILL staff), or nothing. */
    public static MemberEditScope editMember(Caller caller, String code) {
        if (caller.is(StaffRole.ADMIN)) {
            return MemberEditScope.ALL_FIELDS;
        }
        if (caller.is(StaffRole.ILL_STAFF) && caller.actsFor(code)) {
            return MemberEditScope.CONTACT_DETAILS;
        }
        throw forbidden(caller.describe() + " may not change member " + code);
    }

    public static void manageApiKeys(Caller caller, String code) {
        if (caller.is(StaffRole.ADMIN) || caller.is(StaffRole.ILL_STAFF) && caller.actsFor(code)) {
            return;
        }
        throw forbidden(caller.describe() + " may not manage the API keys of member " + code);
    }

    /** Reading accounts: returns the member the caller is limited to, or null for all members. */
    public static String readableUsersOf(Caller caller, String requestedMember) {
        if (caller.is(StaffRole.ADMIN) || caller.is(StaffRole.ALLIANCE_MANAGER)) {
            return requestedMember;
        }
        if (caller.is(StaffRole.ILL_STAFF)) {
            if (requestedMember != null && !caller.actsFor(requestedMember)) {
                throw forbidden(caller.describe() + " may not read the accounts of member " + requestedMember);
            }
            return caller.memberCode();
        }
        throw forbidden(caller.describe() + " may not read staff accounts");
    }

    public static void readUser(Caller caller, String username, String usersMember) {
        if (caller.is(StaffRole.ADMIN) || caller.is(StaffRole.ALLIANCE_MANAGER)) {
            return;
        }
        if (caller.is(StaffRole.ILL_STAFF) && usersMember != null && caller.actsFor(usersMember)) {
            return;
        }
        throw forbidden(caller.describe() + " may not read the account " + username);
    }

    public static void manageUsers(Caller caller) {
        requireAdmin(caller, "create or change staff accounts");
    }

    /** Proposing purchases, uploading title lists, deciding; running retention programs and preservation units. */
    public static void manageAlliance(Caller caller, String what) {
        if (!caller.is(StaffRole.ALLIANCE_MANAGER)) {
            throw forbidden(caller.describe() + " may not " + what + "; only an alliance manager may");
        }
    }

    /**
     * Reading procurement, retention, preservation and reports: returns the member the caller is limited to, or
     * null for every member. Adapters are refused.
     */
    public static String allianceReadScope(Caller caller, String what) {
        if (caller.isAdapter()) {
            throw forbidden(caller.describe() + " may not read " + what + "; staff read them");
        }
        return caller.is(StaffRole.ILL_STAFF) ? caller.memberCode() : null;
    }

    /** Reports across members are the managers' (and admins'); ILL staff read their own member's figures only. */
    public static void readAllianceReports(Caller caller, String report) {
        if (caller.is(StaffRole.ALLIANCE_MANAGER) || caller.is(StaffRole.ADMIN)) {
            return;
        }
        throw forbidden(caller.describe() + " may not read the " + report + " report; alliance managers and admins may");
    }

    /**
     * Acting for one member in the alliance's shared duties (pledging, reporting a fixity check): only that
     * member's own ILL staff may; managers may not speak for a member.
     */
    public static void actForMember(Caller caller, String code, String what) {
        if (caller.is(StaffRole.ILL_STAFF) && caller.actsFor(code)) {
            return;
        }
        throw forbidden(caller.describe() + " may not " + what + " for member " + code + "; only its own ILL staff may");
    }

    /** Recording a member's figures (retention commitments, usage): alliance managers for any member, ILL staff for their own. */
    public static void recordForMember(Caller caller, String code, String what) {
        if (caller.is(StaffRole.ALLIANCE_MANAGER) || caller.is(StaffRole.ILL_STAFF) && caller.actsFor(code)) {
            return;
        }
        throw forbidden(caller.describe() + " may not " + what + " for member " + code);
    }

    private static void requireAdmin(Caller caller, String what) {
        if (!caller.is(StaffRole.ADMIN)) {
            throw forbidden(caller.describe() + " may not " + what + "; only an admin may");
        }
    }

    public enum MemberEditScope { ALL_FIELDS, CONTACT_DETAILS }
}
