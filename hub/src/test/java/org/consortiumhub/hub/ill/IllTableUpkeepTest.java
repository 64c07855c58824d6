package org.consortiumhub.hub.ill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.consortiumhub.ill.IllTableUpkeep;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The ILL tables whose rows come and go are vacuumed by the hub once they carry enough dead rows, and not before; the ILL
 * tables that changed by a tenth are analyzed.
 */
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
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stat("ill_lending_day", "n_dead_tup") >= 3000);

        List<String> vacuumed = upkeep.vacuumWhereDead().await().indefinitely();

        assertTrue(vacuumed.contains("ill_lending_day"), "vacuumed " + vacuumed);
        assertEquals(0, stat("ill_lending_day", "n_dead_tup"), "dead rows left in ill_lending_day");
        assertFalse(upkeep.vacuumWhereDead().await().indefinitely().contains("ill_lending_day"),
                "a table without dead rows is vacuumed again");
    }

    @Test
    void aGrowingTableChangedByATenthSinceItsLastAnalysisIsAnalyzedAndThenLeftAlone() {
        IllFixtures.Setup setup = IllFixtures.setup(Map.of());
        long request = IllFixtures.request(setup.borrower(), IllFixtures.loanOf(setup.clusterId(), "P-ANALYZE"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
        upkeep.analyzeWhereChanged().await().indefinitely();
        // notes on one request's timeline: more than a tenth of the events table changed since it was analyzed
        long notes = 3000 + stat("ill_request_event", "n_live_tup") / 5;
        pool.preparedQuery("insert into ill_request_event (request_id, at, actor, side, action, to_state, note)"
                + " select $1, now(), 'upkeep-test', 'REQUESTER', 'note', 'SENT', 'note ' || n from generate_series(1, $2) as n")
                .execute(Tuple.of(request, notes)).await().indefinitely();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stat("ill_request_event", "n_mod_since_analyze") >= notes);

        List<String> analyzed = upkeep.analyzeWhereChanged().await().indefinitely();

        // where autovacuum is on it may have analyzed the table first; either way its statistics are current now
        assertTrue(analyzed.contains("ill_request_event") || stat("ill_request_event", "autoanalyze_count") > 0,
                "analyzed " + analyzed);
        assertTrue(stat("ill_request_event", "n_mod_since_analyze") < notes, "the table's changes are still unanalyzed");
        assertFalse(upkeep.analyzeWhereChanged().await().indefinitely().contains("ill_request_event"),
                "a table just analyzed is analyzed again");
        // the churning tables are never analyzed by the hub: a snapshot of their few live rows would plan scans of them
        assertFalse(analyzed.contains("ill_lending_day") || analyzed.contains("ill_timer"), "analyzed " + analyzed);
    }

    private long stat(String table, String column) {
        return pool.preparedQuery("select " + column + " from pg_stat_user_tables where relname = $1 and schemaname = current_schema()")
                .execute(Tuple.of(table)).await().indefinitely().iterator().next().getLong(0);
    }

}
