package org.consortiumhub.hub.access;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is making an API call: a staff user (with a role, and a member for ILL staff) or a member's
 * adapter (with the member its API key is bound to).
 */
public record Caller(Kind kind, String name, StaffRole role, String memberCode, String apiKeyId) {

    public enum Kind { USER, ADAPTER }

    static final String KIND = "hub.kind";
    static final String MEMBER = "hub.member";
    static final String API_KEY = "hub.apiKeyId";
    /** The security role an adapter's identity carries. */
    public static final String ADAPTER_ROLE = "ADAPTER";

    public static Caller of(SecurityIdentity identity) {
        Kind kind = Kind.valueOf(identity.getAttribute(KIND));
        String member = identity.getAttribute(MEMBER);
        if (kind == Kind.ADAPTER) {
            return new Caller(kind, identity.getPrincipal().getName(), null, member, identity.getAttribute(API_KEY));
        }
        StaffRole role = identity.getRoles().stream()
                .filter(r -> !r.equals(ADAPTER_ROLE))
                .map(StaffRole::valueOf)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("staff identity without a role"));
        return new Caller(kind, identity.getPrincipal().getName(), role, member, null);
    }

    public boolean isAdapter() {
        return kind == Kind.ADAPTER;
    }

    public boolean is(StaffRole r) {
        return kind == Kind.USER && role == r;
    }

    /** True when the caller acts for this member (ILL staff of it, or its adapter). */
    public boolean actsFor(String code) {
        return memberCode != null && memberCode.equalsIgnoreCase(code);
    }

    /** How denials name the caller, e.g. "ILL staff of US-RVC" or "the adapter of US-RVC". */
    public String describe() {
        if (isAdapter()) {
            return "the adapter of " + memberCode;
        }
        return switch (role) {
            case ADMIN -> "an admin";
            case ALLIANCE_MANAGER -> "an alliance manager";
            case ILL_STAFF -> "ILL staff of " + memberCode;
        };
    }
}
