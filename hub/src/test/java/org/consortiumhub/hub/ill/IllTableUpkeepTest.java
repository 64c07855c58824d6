package org.consortiumhub.hub.ill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.consortiumhub.ill.IllTableUpkeep;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The ILL tables whose rows come and go are vacuumed by the hub once they carry enough dead rows, and not before. */
@QuarkusTest
class IllTableUpkeepTest {

    @Inject
    IllTableUpkeep upkeep;

    @Inject
    Pool pool;

    @Test
    void aTableFullOfDeadRowsIsVacuumedAndAFreshlyVacuumedOneIsLeftAlone() {
        IllFixtures.Library lib = IllFixtures.library();
        long member = pool.preparedQuery("select id from member_library where code = $1").execute(Tuple.of(lib.code()))
                .await().indefinitely().iterator().next().getLong("id");
        // a busy day's balance lines, folded away: 3,000 rows inserted and deleted, all of them dead until a vacuum
        LocalDate longAgo = LocalDate.of(2001, 1, 1);
        pool.preparedQuery("insert into ill_lending_day (member_id, day, lent, borrowed)"
                + " select $1, $2, 1, 0 from generate_series(1, 3000)").execute(Tuple.of(member, longAgo)).await().indefinitely();
        pool.preparedQuery("delete from ill_lending_day where member_id = $1 and day = $2").execute(Tuple.of(member, longAgo))
                .await().indefinitely();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> dead("ill_lending_day") >= 3000);

        List<String> vacuumed = upkeep.vacuumWhereDead().await().indefinitely();

        assertTrue(vacuumed.contains("ill_lending_day"), "vacuumed " + vacuumed);
        assertEquals(0, dead("ill_lending_day"), "dead rows left in ill_lending_day");
        assertFalse(upkeep.vacuumWhereDead().await().indefinitely().contains("ill_lending_day"),
                "a table without dead rows is vacuumed again");
    }

    private long dead(String table) {
        return pool.preparedQuery("select n_dead_tup from pg_stat_user_tables where relname = $1 and schemaname = current_schema()")
                .execute(Tuple.of(table)).await().indefinitely().iterator().next().getLong("n_dead_tup");
    }
}
