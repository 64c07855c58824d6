package org.consortiumhub.hub.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Checks a staff user's username and password (HTTP basic). A failure never says whether the user exists:
 * unknown users, wrong passwords, deactivated accounts and accounts of inactive members all fail alike.
 */
@ApplicationScoped
public class StaffPasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final String FIND = """
            select u.password_hash, %s
              from staff_user u left join member_library m on m.id = u.member_id
             where u.username = $1""".formatted(StaffIdentities.COLUMNS);
    private static final String TOUCH = """
            update staff_user set last_login_at = now()
             where username = $1 and (last_login_at is null or last_login_at < now() - interval '1 minute')""";

    @Inject
    Pool pool;

    private final VerifiedPasswords verified = new VerifiedPasswords();
    private final LastUse lastLogins = new LastUse();

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getUsername().trim().toLowerCase();
        String password = new String(request.getPassword().getPassword());
        return pool.preparedQuery(FIND).execute(Tuple.of(username))
                .map(RowSet::iterator)
                .map(it -> it.hasNext() ? it.next() : null)
                .flatMap(row -> row != null && StaffIdentities.usable(row) && verified.recentlyVerified(password, row.getString("password_hash"))
                        ? Uni.createFrom().item(row)
                        : OnEventLoop.offload(() -> verify(row, password)))
                .flatMap(row -> {
                    if (row == null) {
                        return Uni.createFrom().failure(new AuthenticationFailedException("unknown user or wrong password"));
                    }
                    if (!lastLogins.isDue(username)) {
                        return Uni.createFrom().item(StaffIdentities.of(row));
                    }
                    return pool.preparedQuery(TOUCH).execute(Tuple.of(username)).replaceWith(StaffIdentities.of(row));
                });
    }

    private Row verify(Row row, String password) {
        if (row == null) {
            Passwords.matches(password, null);
            return null;
        }
        if (Passwords.matches(password, row.getString("password_hash")) && StaffIdentities.usable(row)) {
            verified.remember(password, row.getString("password_hash"));
            return row;
        }
        return null;
    }
}
