package org.consortiumhub.hub.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.hub.access.StaffIdentities;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Console sessions: opened at login, found on every console request, ended by logout or by time. A session ends
 * after {@code hub.console.session-idle-timeout} without a request, and at the latest after
 * {@code hub.console.session-max-age}, whatever the activity.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** A session as the browser and the page forms know it. */
    public record Opened(String token, String csrfToken) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String FIND = """
            select s.csrf_token, s.last_seen_at < now() - interval '1 minute' as touch_due, %s
              from console_session s
              join staff_user u on u.username = s.username
              left join member_library m on m.id = u.member_id
             where s.token_hash = $1
               and s.expires_at > now()
               and s.last_seen_at > now() - make_interval(secs => $2)""".formatted(StaffIdentities.COLUMNS);

    @Inject
    Pool pool;

    @ConfigProperty(name = "hub.console.session-idle-timeout", defaultValue = "PT30M")
    Duration idleTimeout;

    @ConfigProperty(name = "hub.console.session-max-age", defaultValue = "PT12H")
    Duration maxAge;

    public Uni<Opened> open(String username) {
        String token = randomToken();
        String csrf = randomToken();
        return pool.preparedQuery("""
                        delete from console_session
                         where expires_at < now() or last_seen_at < now() - make_interval(secs => $1)""")
                .execute(Tuple.of(idleTimeout.toSeconds()))
                .flatMap(ignored -> pool.preparedQuery("""
                                insert into console_session (token_hash, username, csrf_token, created_at, last_seen_at, expires_at)
                                values ($1, $2, $3, now(), now(), now() + make_interval(secs => $4))""")
                        .execute(Tuple.of(hash(token), username, csrf, maxAge.toSeconds())))
                .replaceWith(new Opened(token, csrf));
    }

    /** The live session's row (account columns and {@code csrf_token}), or null when it has ended or never was. */
    public Uni<Row> find(String token) {
        byte[] key = hash(token);
        return pool.preparedQuery(FIND).execute(Tuple.of(key, idleTimeout.toSeconds()))
                .map(RowSet::iterator)
                .map(it -> it.hasNext() ? it.next() : null)
                .flatMap(row -> {
                    if (row == null || !row.getBoolean("touch_due")) {
                        return Uni.createFrom().item(row);
                    }
                    return pool.preparedQuery("update console_session set last_seen_at = now() where token_hash = $1")
                            .execute(Tuple.of(key)).replaceWith(row);
                });
    }

    public Uni<Void> close(String token) {
        return pool.preparedQuery("delete from console_session where token_hash = $1").execute(Tuple.of(hash(token)))
                .replaceWithVoid();
    }

    /** Ends every session of an account, e.g. when an admin deactivates it or resets its password. */
    public Uni<Void> closeAllOf(String username) {
        return pool.preparedQuery("delete from console_session where username = $1").execute(Tuple.of(username))
                .replaceWithVoid();
    }

    public Duration maxAge() {
        return maxAge;
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
