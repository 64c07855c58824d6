package org.consortiumhub.hub.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Builds a staff user's security identity from the account row, the same way whether the user logged in with HTTP
 * basic or holds a console session. Queries select {@link #COLUMNS} from {@code staff_user u} left-joined to
 * {@code member_library m}.
 */
public final class StaffIdentities {

    public static final String COLUMNS = "u.username, u.role, u.active, m.code, m.active as member_active";

    private StaffIdentities() {
    }

    /** An account acts only while it, and for ILL staff its library, are active. */
    public static boolean usable(Row row) {
        return row.getBoolean("active") && !Boolean.FALSE.equals(row.getBoolean("member_active"));
    }

    public static QuarkusSecurityIdentity.Builder builder(Row row) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(row.getString("username")))
                .addRole(row.getString("role"))
                .addAttribute(Caller.KIND, Caller.Kind.USER.name());
        if (row.getString("code") != null) {
            identity.addAttribute(Caller.MEMBER, row.getString("code"));
        }
        return identity;
    }

    public static SecurityIdentity of(Row row) {
        return builder(row).build();
    }
}
