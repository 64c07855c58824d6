package org.consortiumhub.hub.access;

import static org.consortiumhub.hub.problem.ProblemException.forbidden;

import java.util.List;

import org.consortiumhub.hub.problem.ProblemException;
import org.consortiumhub.ill.state.Side;

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
 * <li>ILL requests: only ILL staff make and move them, for their own member only: as requester when their member
 * borrows, as supplier when it is the current lender. They read their own member's requests and those their member
 * was asked to lend; admins and alliance managers read all. Adapters have no part in ILL.</li>
 * <li>Lending policies: admins set them; admins, alliance managers and the member's own ILL staff read them.</li>
 * <li>ISO 18626 messages: only with an API key, speaking for the key's member.</li>
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

    /** Making an ILL request: returns the borrowing member, the caller's own. */
    public static String borrowFor(Caller caller) {
        if (caller.is(StaffRole.ILL_STAFF)) {
            return caller.memberCode();
        }
        throw forbidden(caller.describe() + " may not make ILL requests; ILL staff of the borrowing member do");
    }

    /** Acting on an ILL request: the side the caller acts for, requester (its member borrows) or supplier (its member lends). */
    public static Side illSide(Caller caller, long requestId, String borrowerCode, String lenderCode) {
        if (caller.is(StaffRole.ILL_STAFF)) {
            if (caller.actsFor(borrowerCode)) {
                return Side.REQUESTER;
            }
            if (lenderCode != null && caller.actsFor(lenderCode)) {
                return Side.SUPPLIER;
            }
            throw forbidden(caller.describe() + " may not act on ILL request " + requestId + ": it is between "
                    + borrowerCode + " (borrower) and " + (lenderCode == null ? "no lender now" : lenderCode + " (lender)"));
        }
        throw forbidden(caller.describe() + " may not act on ILL requests; ILL staff of the borrowing or the lending member do");
    }

    /** Delivering a copy's document: the current lender's ILL staff only. */
    public static Side deliverDocument(Caller caller, long requestId, String borrowerCode, String lenderCode) {
        Side side = illSide(caller, requestId, borrowerCode, lenderCode);
        if (side != Side.SUPPLIER) {
            throw forbidden(caller.describe() + " may not deliver a document for request " + requestId
                    + "; the lender (" + lenderCode + ") delivers it");
        }
        return side;
    }

    /** A download link for a delivered document: the borrowing member's ILL staff only. */
    public static void documentLink(Caller caller, long requestId, String borrowerCode) {
        if (caller.is(StaffRole.ILL_STAFF) && caller.actsFor(borrowerCode)) {
            return;
        }
        throw forbidden(caller.describe() + " may not get the download link of request " + requestId
                + "; ILL staff of the borrower (" + borrowerCode + ") do");
    }

    public static void readIllRequest(Caller caller, long requestId, String borrowerCode, List<String> askedLenders) {
        if (caller.is(StaffRole.ADMIN) || caller.is(StaffRole.ALLIANCE_MANAGER)) {
            return;
        }
        if (caller.is(StaffRole.ILL_STAFF)
                && (caller.actsFor(borrowerCode) || askedLenders.stream().anyMatch(caller::actsFor))) {
            return;
        }
        throw forbidden(caller.describe() + " may not read ILL request " + requestId
                + "; it is neither its member's request nor one its member was asked to lend");
    }

    /** Which queue an ILL request list shows: the member whose borrowing or lending it is, or null for any. */
    public record IllQueue(String borrowerCode, String lenderCode) {
    }

    public static IllQueue illQueue(Caller caller, String side, String member) {
        if (side != null && !side.equals("borrowing") && !side.equals("lending")) {
            throw ProblemException.invalid("side", "must be borrowing or lending");
        }
        if (caller.is(StaffRole.ADMIN) || caller.is(StaffRole.ALLIANCE_MANAGER)) {
            if (member != null && side == null) {
                throw ProblemException.invalid("side", "is required with member: borrowing or lending");
            }
            return "lending".equals(side) ? new IllQueue(null, member) : new IllQueue(member, null);
        }
        if (caller.is(StaffRole.ILL_STAFF)) {
            if (member != null && !caller.actsFor(member)) {
                throw forbidden(caller.describe() + " may not read the ILL queues of member " + member);
            }
            if (side == null) {
                throw ProblemException.invalid("side", "is required: borrowing or lending");
            }
            return side.equals("lending") ? new IllQueue(null, caller.memberCode()) : new IllQueue(caller.memberCode(), null);
        }
        throw forbidden(caller.describe() + " may not read ILL requests");
    }

    public static void readIll(Caller caller) {
        if (caller.isAdapter()) {
            throw forbidden(caller.describe() + " has no part in ILL");
        }
    }

    /**
     * ISO 18626 messages come from members that are external ILL systems, with an API key of that member; the key
     * decides whom the messages speak for.
     */
    public static String isoPeer(Caller caller) {
        if (caller.isAdapter()) {
            return caller.memberCode();
        }
        throw forbidden(caller.describe() + " may not send ISO 18626 messages; a member's ILL system sends them with"
                + " an API key of that member");
    }

    /** ILL figures: the member they are for (the caller's own for ILL staff), or null for the consortium. */
    public static String illStatistics(Caller caller, String member) {
        if (caller.is(StaffRole.ADMIN) || caller.is(StaffRole.ALLIANCE_MANAGER)) {
            return member;
        }
        if (caller.is(StaffRole.ILL_STAFF)) {
            if (member != null && !caller.actsFor(member)) {
                throw forbidden(caller.describe() + " may not read the ILL figures of member " + member);
            }
            return caller.memberCode();
        }
        throw forbidden(caller.describe() + " may not read ILL figures");
    }

    public static void readLendingPolicy(Caller caller, String code) {
        if (caller.is(StaffRole.ADMIN) || caller.is(StaffRole.ALLIANCE_MANAGER)
                || caller.is(StaffRole.ILL_STAFF) && caller.actsFor(code)) {
            return;
        }
        throw forbidden(caller.describe() + " may not read the lending policy of member " + code);
    }

    public static void setLendingPolicy(Caller caller) {
        requireAdmin(caller, "set lending policies");
    }

    public enum MemberEditScope { ALL_FIELDS, CONTACT_DETAILS }
}
