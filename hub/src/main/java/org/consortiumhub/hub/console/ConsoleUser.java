package org.consortiumhub.hub.console;

import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.hub.access.StaffRole;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The logged-in staff user as every console page sees it: who they are, what their role lets them open, and the
 * session's anti-forgery token that the page's forms send back.
 */
public record ConsoleUser(Caller caller, String csrfToken) {

    public static ConsoleUser of(SecurityIdentity identity) {
        return new ConsoleUser(Caller.of(identity), identity.getAttribute(ConsoleSessionIdentityProvider.CSRF));
    }

    public String username() {
        return caller.name();
    }

    public String memberCode() {
        return caller.memberCode();
    }

    public String roleLabel() {
        return switch (caller.role()) {
            case ADMIN -> "Administrator";
            case ALLIANCE_MANAGER -> "Alliance manager";
            case ILL_STAFF -> "ILL staff, " + caller.memberCode();
        };
    }

    public boolean isAdmin() {
        return caller.is(StaffRole.ADMIN);
    }

    public boolean isManager() {
        return caller.is(StaffRole.ALLIANCE_MANAGER);
    }

    public boolean isIllStaff() {
        return caller.is(StaffRole.ILL_STAFF);
    }

    /** Admins and alliance managers see every member; ILL staff their own. */
    public boolean seesAllMembers() {
        return isAdmin() || isManager();
    }
}
