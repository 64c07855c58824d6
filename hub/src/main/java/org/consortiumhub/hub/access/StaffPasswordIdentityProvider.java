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
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Checks a staff user's username and password (HTTP basic). A failure never says whether the user exists:
 * unknown users, wrong passwords, deactivated accounts and accounts of inactive members all fail alike.
 */
@ApplicationScoped
public class StaffPasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final String TOUCH = """
            update staff_user set last_login_at = now()
             where username = $1 and (last_login_at is null or last_login_at < now() - interval '1 minute')""";

    @Inject
    Pool pool;

    @Inject
    StaffAccounts accounts;

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
        return accounts.find(username)
                .flatMap(account -> account != null && account.usable() && verified.recentlyVerified(password, account.passwordHash())
                        ? Uni.createFrom().item(account)
                        : OnEventLoop.offload(() -> verify(account, password)))
                .flatMap(account -> {
                    if (account == null) {
                        return Uni.createFrom().failure(new AuthenticationFailedException("unknown user or wrong password"));
                    }
                    if (!lastLogins.isDue(username)) {
                        return Uni.createFrom().item(account.identity());
                    }
                    return pool.preparedQuery(TOUCH).execute(Tuple.of(username)).replaceWith(account.identity());
                });
    }

    private StaffAccounts.Account verify(StaffAccounts.Account account, String password) {
        if (account == null) {
            Passwords.matches(password, null);
            return null;
        }
        if (Passwords.matches(password, account.passwordHash()) && account.usable()) {
            verified.remember(password, account.passwordHash());
            return account;
        }
        return null;
    }
}
