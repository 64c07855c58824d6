package org.consortiumhub.hub.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.hub.access.StaffIdentities;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Finds the staff user behind a console session. An ended session, or one whose account or library has since been
 * deactivated, yields no identity: the console then asks for a new login.
 */
@ApplicationScoped
public class ConsoleSessionIdentityProvider implements IdentityProvider<ConsoleSessionRequest> {

    /** The identity attribute holding the session's anti-forgery token. */
    public static final String CSRF = "hub.console.csrf";

    @Inject
    ConsoleSessions sessions;

    @Override
    public Class<ConsoleSessionRequest> getRequestType() {
        return ConsoleSessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ConsoleSessionRequest request, AuthenticationRequestContext context) {
        return sessions.find(request.token()).map(row -> row == null || !StaffIdentities.usable(row)
                ? null
                : StaffIdentities.builder(row).addAttribute(CSRF, row.getString("csrf_token")).build());
    }
}
