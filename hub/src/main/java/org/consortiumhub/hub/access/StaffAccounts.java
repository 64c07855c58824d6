package org.consortiumhub.hub.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Staff accounts as HTTP basic checks them: the stored password hash, whether the account may act, and the identity
 * it acts with. Each account is read from the database at most once per {@code hub.access.account-cache} (2 s) on
 * each replica, so a script or console calling many times a second costs no database read per call. A change made
 * through this replica (an account, or a member library's active flag) is seen at the next call; one made through
 * another replica within that time. Unknown usernames are not remembered, so a new account works at once everywhere.
 */
@ApplicationScoped
public class StaffAccounts {

    private static final String FIND = """
            select u.password_hash, %s
              from staff_user u left join member_library m on m.id = u.member_id
             where u.username = $1""".formatted(StaffIdentities.COLUMNS);
    private static final int MAX_ENTRIES = 10_000;

    /** A staff account: {@code usable} while it, and for ILL staff its library, are active. */
    public record Account(String passwordHash, boolean usable, SecurityIdentity identity) {

        static Account of(Row row) {
            return new Account(row.getString("password_hash"), StaffIdentities.usable(row), StaffIdentities.of(row));
        }
    }

    private record Read(Account account, Instant at) {
    }

    private final ConcurrentHashMap<String, Read> reads = new ConcurrentHashMap<>();
    /** Counts {@link #forgetAll} calls, so that a read begun before one is not remembered after it. */
    private final AtomicLong changes = new AtomicLong();

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @ConfigProperty(name = "hub.access.account-cache", defaultValue = "2S")
    Duration keep;

    /** The account called {@code username} (lower case), or null when there is none. */
    public Uni<Account> find(String username) {
        Instant now = clock.instant();
        Read read = reads.get(username);
        if (read != null && !now.isBefore(read.at()) && now.isBefore(read.at().plus(keep))) {
            return Uni.createFrom().item(read.account());
        }
        long changesBefore = changes.get();
        return pool.preparedQuery(FIND).execute(Tuple.of(username))
                .map(RowSet::iterator)
                .map(rows -> {
                    if (!rows.hasNext()) {
                        reads.remove(username);
                        return null;
                    }
                    Account account = Account.of(rows.next());
                    if (!keep.isZero() && changes.get() == changesBefore) {
                        if (reads.size() >= MAX_ENTRIES) {
                            reads.clear();
                        }
                        reads.put(username, new Read(account, now));
                    }
                    return account;
                });
    }

    /** Reads every account afresh from now on: called once a change to accounts or member libraries has committed. */
    public void forgetAll() {
        changes.incrementAndGet();
        reads.clear();
    }
}
