package org.consortiumhub.hub.firststart;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A little of the alliance's own work for the demo consortium, over its demo catalog: a shared print program with
 * commitments on titles several libraries hold, and an open purchase proposal for the most widely held title, with
 * each library's list price and three pledges, ready to approve.
 */
final class DemoAllianceWork {

    static final String PROGRAM = "Demo shared print program";

    private DemoAllianceWork() {
    }

    static Uni<Void> load(Pool pool) {
        return pool.withTransaction(conn -> conn.preparedQuery("insert into retention_program (name, description, target_copies,"
                + " default_term_years, created_by, created_at) values ($1, $2, 2, 15, 'first start', now()) returning id")
                .execute(Tuple.of(PROGRAM, "Two retained copies of each title, for fifteen years (EAST-style)."))
                .flatMap(rows -> conn.preparedQuery("insert into retention_commitment (program_id, member_id, local_id, cluster_id,"
                        + " start_date, start_raw, end_date, end_raw, authorizations, validation_level, status, source, created_by,"
                        + " created_at, updated_at)"
                        + " select $1, r.member_id, r.local_id, r.cluster_id, current_date, to_char(current_date, 'YYYYMMDD'),"
                        + " (current_date + interval '15 years' - interval '1 day')::date,"
                        + " to_char(current_date + interval '15 years' - interval '1 day', 'YYYYMMDD'), array[$2]::varchar[],"
                        + " 'volume-level validation', 'ACTIVE', 'API', 'first start', now(), now()"
                        + " from (select distinct on (c.id) c.id, r.member_id, r.local_id, r.cluster_id from catalog_cluster c"
                        + "   join catalog_record r on r.cluster_id = c.id where cardinality(c.member_ids) >= 2"
                        + "   order by c.id, r.member_id limit 12) r")
                        .execute(Tuple.of(rows.iterator().next().getLong(0), PROGRAM)))
                .flatMap(x -> conn.query("insert into procurement_proposal (title, resource_kind, cluster_id, vendor, currency,"
                        + " consortium_price_minor, term_start, term_end, ill_print, ill_electronic, licence_notes, formula, status,"
                        + " created_by, created_at)"
                        + " select 'E-book edition of ' || c.title, 'CLUSTER', c.id, 'Demo Academic Publishing', 'USD', 1250000,"
                        + " date_trunc('year', current_date)::date + interval '1 year',"
                        + " (date_trunc('year', current_date) + interval '2 years' - interval '1 day')::date, true, false,"
                        + " 'ILL by printed copy only', '{\"basePercent\":\"20\",\"components\":[{\"basis\":\"FTE\",\"weight\":\"1\"}]}',"
                        + " 'OPEN', 'alliance.manager', now()"
                        + " from catalog_cluster c order by cardinality(c.member_ids) desc, c.id limit 1 returning id").execute())
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    long proposal = rows.iterator().next().getLong(0);
                    return conn.preparedQuery("insert into procurement_list_price (proposal_id, member_id, amount_minor)"
                            + " select $1, id, 250000 + (id % 5) * 75000 from member_library").execute(Tuple.of(proposal))
                            .flatMap(y -> conn.preparedQuery("insert into procurement_pledge (proposal_id, member_id, amount_minor,"
                                    + " note, pledged_by, pledged_at) select $1, m.id, 400000, 'demo pledge', u.username, now()"
                                    + " from member_library m join staff_user u on u.member_id = m.id"
                                    + " where m.code in ('US-RVC', 'US-HLU', 'US-NSU')").execute(Tuple.of(proposal)))
                            .replaceWithVoid();
                }));
    }
}
