package org.consortiumhub.hub.console;

import java.net.URI;
import java.time.Duration;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Logging in to and out of the console. A failed login says what to do without saying whether the account exists:
 * a wrong password, an unknown user and a deactivated account all read the same.
 */
@Path(ConsolePaths.ROOT)
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

    /** Failed attempts per user name within {@link #LOCKOUT} after which the console stops checking passwords. */
    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);

    @Inject
    IdentityProviderManager identityProviders;

    @Inject
    ConsoleSessions sessions;

    @Inject
    Pool pool;

    @ConfigProperty(name = "hub.console.secure-cookie", defaultValue = "false")
    boolean secureCookie;

    @GET
    @Path("login")
    @PermitAll
    public TemplateInstance form(@RestQuery String next, @RestQuery String reason) {
        String notice = switch (reason == null ? "" : reason) {
            case "ended" -> "Your session has ended. Please log in again.";
            case "loggedout" -> "You have logged out.";
            default -> null;
        };
        return ConsoleTemplates.login(ConsolePaths.safeNext(next), "", notice, null);
    }

    @POST
    @Path("login")
    @PermitAll
    public Uni<Response> login(@RestForm String username, @RestForm String password, @RestForm String next) {
        String name = username == null ? "" : username.trim().toLowerCase();
        String target = ConsolePaths.safeNext(next);
        if (name.isEmpty() || password == null || password.isEmpty()) {
            return Uni.createFrom().item(refused(name, target, "Enter both your user name and your password."));
        }
        return recentFailures(name).flatMap(failures -> {
            if (failures >= MAX_FAILURES) {
                return Uni.createFrom().item(refused(name, target, "Too many failed attempts for this user name. Wait "
                        + LOCKOUT.toMinutes() + " minutes and try again, or ask your hub administrator to reset your password."));
            }
            var request = new UsernamePasswordAuthenticationRequest(name, new PasswordCredential(password.toCharArray()));
            return identityProviders.authenticate(request)
                    .flatMap(identity -> pool.preparedQuery("delete from console_login_failure where username = $1")
                            .execute(Tuple.of(name))
                            .flatMap(ignored -> sessions.open(identity.getPrincipal().getName())))
                    .map(opened -> Response.seeOther(URI.create(target))
                            .cookie(sessionCookie(opened.token(), (int) sessions.maxAge().toSeconds()))
                            .build())
                    .onFailure(io.quarkus.security.AuthenticationFailedException.class).recoverWithUni(failed -> pool
                            .preparedQuery("insert into console_login_failure (username, failed_at) values ($1, now())")
                            .execute(Tuple.of(name))
                            .replaceWith(refused(name, target, "The user name or password is not right, or the account "
                                    + "is not active. Check both (passwords are case-sensitive) and try again.")));
        });
    }

    @POST
    @Path("logout")
    @Authenticated
    public Uni<Response> logout(@RestCookie(ConsoleSessionMechanism.COOKIE) String token, @RestHeader("HX-Request") String htmx) {
        String login = ConsolePaths.LOGIN + "?reason=loggedout";
        return sessions.close(token).map(ignored -> {
            Response.ResponseBuilder response = htmx != null
                    ? Response.ok().header("HX-Redirect", login)
                    : Response.seeOther(URI.create(login));
            return response.cookie(sessionCookie("", 0)).build();
        });
    }

    private Uni<Long> recentFailures(String name) {
        return pool.preparedQuery("""
                        select count(*) from console_login_failure
                         where username = $1 and failed_at > now() - make_interval(secs => $2)""")
                .execute(Tuple.of(name, LOCKOUT.toSeconds()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static Response refused(String username, String next, String message) {
        return Response.status(401).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(ConsoleTemplates.login(next, username, null, message).render())
                .build();
    }

    private NewCookie sessionCookie(String value, int maxAge) {
        return new NewCookie.Builder(ConsoleSessionMechanism.COOKIE)
                .value(value)
                .path(ConsolePaths.ROOT)
                .httpOnly(true)
                .secure(secureCookie)
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAge)
                .build();
    }
}
