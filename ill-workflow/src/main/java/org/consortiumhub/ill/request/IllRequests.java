package org.consortiumhub.ill.request;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.ill.IllException;
import org.consortiumhub.ill.WriteBatch;
import org.consortiumhub.ill.copyright.RuleOfFive;
import org.consortiumhub.ill.iso.IsoOutbox;
import org.consortiumhub.ill.rota.Closure;
import org.consortiumhub.ill.rota.LendingBalance;
import org.consortiumhub.ill.rota.LendingPolicies;
import org.consortiumhub.ill.rota.Rota;
import org.consortiumhub.ill.rota.RotaSources;
import org.consortiumhub.ill.rota.RotaSources.Subject;
import org.consortiumhub.ill.sla.BusinessCalendar;
import org.consortiumhub.ill.state.IllAction;
import org.consortiumhub.ill.state.RequestState;
import org.consortiumhub.ill.state.ServiceType;
import org.consortiumhub.ill.state.Side;
import org.consortiumhub.ill.state.StateModel;
import org.consortiumhub.ill.state.Transition;
import org.consortiumhub.ill.state.UnfilledReason;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Requests and their life: creating one (with its rota, sent straight to the first lender), staff actions checked
 * against the state model, the hub's own steps (next lender, end of rota, timers), and reading queues and
 * timelines.
 *
 * <p>Every change runs in one transaction that first locks the request row, so concurrent actions on one request
 * take turns: the first wins, the others see the state it left and are refused if their action no longer fits.
 * Every transition writes one row of the audit trail in the same transaction.
 */
@ApplicationScoped
public class IllRequests {

    private static final Logger LOG = Logger.getLogger(IllRequests.class);

    /** Decides which side of a request the caller acts for, or refuses; the hub's access policy provides it. */
    @FunctionalInterface
    public interface SideResolver {
        Side sideOf(long requestId, String borrowerCode, String lenderCode);
    }

    /**
     * A request row locked for change, with what the transition logic needs of it: whether the borrower is an external
     * ILL system that sent it ({@code borrowerPeer}), whether the current lender is one ({@code lenderPeer}), and the
     * current lender's loan period on the current rota.
     */
    private record Locked(long id, long borrowerId, String borrowerCode, Long lenderId, String lenderCode, ServiceType type,
            RequestState state, LocalDate dueDate, int version, boolean rush, int round, boolean borrowerPeer,
            boolean lenderPeer, Integer loanPeriodDays) {

        /** The request after a step that keeps its lender. */
        Locked with(RequestState s, LocalDate due, int newRound) {
            return new Locked(id, borrowerId, borrowerCode, lenderId, lenderCode, type, s, due, version + 1, rush, newRound,
                    borrowerPeer, lenderPeer, loanPeriodDays);
        }

        /** The request after a step that leaves it without a lender. */
        Locked withoutLender(RequestState s, int newRound) {
            return new Locked(id, borrowerId, borrowerCode, null, null, type, s, dueDate, version + 1, rush, newRound,
                    borrowerPeer, false, null);
        }

        /** The request sent to a new lender. */
        Locked sentTo(RequestState s, long lender, String code, boolean peer, Integer loanPeriod) {
            return new Locked(id, borrowerId, borrowerCode, lender, code, type, s, dueDate, version + 1, rush, round,
                    borrowerPeer, peer, loanPeriod);
        }
    }

    private static final String LOCK = "select r.id, r.borrower_id, b.code as borrower_code, r.lender_id, l.code as lender_code,"
            + " r.service_type, r.state, r.due_date, r.version, r.service_level, cr.round,"
            + " r.peer_request_id is not null and bp.iso18626_address is not null as borrower_peer,"
            + " lp.iso18626_address is not null as lender_peer, t.loan_period_days"
            + " from ill_request r join member_library b on b.id = r.borrower_id left join member_library l on l.id = r.lender_id"
            + " cross join lateral (select coalesce(max(e.round), 0) as round from ill_rota_entry e where e.request_id = r.id) cr"
            + " left join ill_rota_entry t on t.request_id = r.id and t.round = cr.round and t.member_id = r.lender_id"
            + " left join ill_lending_policy bp on bp.member_id = r.borrower_id"
            + " left join ill_lending_policy lp on lp.member_id = r.lender_id"
            + " where r.id = $1 for update of r";

    /**
     * What one change did besides its transitions: whether it queued ISO 18626 messages for members that are external
     * ILL systems, so the caller can send them at once. It also carries the statement that reads the answer, when the
     * caller wants one, so that it goes to PostgreSQL with the change's last writes instead of after their answers.
     */
    private static final class Change {
        boolean queued;
        private Uni<?> answer;
        private Uni<Void> commit;
        /**
         * The request as this replica last answered with it, at the version locked for the change (null: unknown). With
         * the change's own steps it gives the answer, and the answer's read is not sent.
         */
        private RequestView before;
        /** The request as the change left it, worked out from {@link #before} and the steps; null when not. */
        private RequestView after;
        /** The change's steps as the answer shows them: the audit lines written, and the rota's changed lines. */
        private final List<RequestView.Event> events = new ArrayList<>();
        private final Map<RotaLineKey, String> outcomes = new HashMap<>();
        private final Map<RotaLineKey, OffsetDateTime> sent = new HashMap<>();
        private OffsetDateTime updatedAt;
        private boolean rotaRebuilt;

        /** A line of the rota: the lender's place in one round. */
        private record RotaLineKey(int round, String memberCode) {
        }

        /** Starts from the request as last answered at the locked version (or null), so the answer need not be read. */
        void startFrom(RequestView known) {
            before = known;
        }

        /** The request row was updated at {@code at}, with this audit line; the answer shows both. */
        void stepped(OffsetDateTime at, RequestView.Event event) {
            updatedAt = at;
            events.add(event);
        }

        void outcome(int round, String memberCode, String outcome) {
            outcomes.put(new RotaLineKey(round, memberCode), outcome);
        }

        void sent(int round, String memberCode, OffsetDateTime at) {
            sent.put(new RotaLineKey(round, memberCode), at);
        }

        void rotaRebuilt() {
            rotaRebuilt = true;
        }

        /**
         * The request after the change, from {@link #before} and the steps recorded, or null when it cannot be worked
         * out (nothing remembered, a new rota round, a rota line not found): then it is read.
         */
        private RequestView derive(Locked next) {
            if (before == null || rotaRebuilt || updatedAt == null) {
                return null;
            }
            Set<RotaLineKey> lines = new HashSet<>(outcomes.keySet());
            lines.addAll(sent.keySet());
            List<RequestView.RotaLine> rota = new ArrayList<>(before.rota().size());
            for (RequestView.RotaLine l : before.rota()) {
                RotaLineKey line = new RotaLineKey(l.round(), l.memberCode());
                if (lines.remove(line)) {
                    l = new RequestView.RotaLine(l.round(), l.position(), l.memberCode(), l.explanation(),
                            sent.getOrDefault(line, l.sentAt()), outcomes.getOrDefault(line, l.outcome()));
                }
                rota.add(l);
            }
            if (!lines.isEmpty()) {
                return null;
            }
            List<RequestView.Event> timeline = new ArrayList<>(before.timeline());
            timeline.addAll(events);
            StateModel model = StateModel.of(next.type());
            RequestView b = before;
            return new RequestView(b.id(), b.serviceType(), b.clusterId(), b.title(), b.author(), b.format(), b.articleTitle(),
                    b.articleAuthor(), b.volume(), b.issue(), b.pages(), b.year(), b.issn(), b.patronId(), b.patronName(),
                    b.needBefore(), b.serviceLevel(), b.maxCost(), b.notes(), b.copyright(), b.copyrightPermission(),
                    b.borrowerCode(), next.lenderCode(), next.state(), model.isoSupplierStatus(next.state()), next.dueDate(),
                    b.duplicateOf(), b.createdAt(), b.createdBy(), updatedAt, next.version(),
                    model.allowed(next.state(), Side.REQUESTER), model.allowed(next.state(), Side.SUPPLIER),
                    List.copyOf(timeline), List.copyOf(rota));
        }

        /** The answer's read, sent once with the last writes however often it is asked for. */
        <T> Uni<T> answer(Uni<T> read) {
            Uni<T> once = read.memoize().indefinitely();
            answer = once;
            return once;
        }

        /**
         * The transaction's commit, for {@link #last} to send right behind the change's writes instead of after their
         * answers: the request's row lock is then held for PostgreSQL's own time, not for a round trip through a busy
         * hub as well.
         */
        void commitWithLastWrites(Uni<Void> commit) {
            this.commit = commit;
        }

        /**
         * The change's last writes (the batch, then {@code more}: writes that read before they write, such as queued
         * ISO 18626 messages), sent together, with the answer's read after them. PostgreSQL runs them in this order,
         * so the read sees the writes. When the batch is all there is, every statement is on its way at once and the
         * commit follows them; if one fails, PostgreSQL rolls the whole transaction back at the commit. Every answer
         * is awaited before the connection is given back. The answer's read is left out when the request as the change
         * left it ({@code next}, its last step) can be worked out instead ({@link #derive}).
         */
        Uni<Void> last(SqlConnection conn, WriteBatch batch, List<Uni<Void>> more, Locked next) {
            List<Uni<Void>> writes = new ArrayList<>();
            writes.add(batch.send(conn));
            writes.addAll(more);
            if (answer != null) {
                after = derive(next);
                if (after == null) {
                    writes.add(answer.replaceWithVoid());
                }
            }
            if (commit == null || !more.isEmpty()) {
                return together(writes);
            }
            writes.add(commit);
            return Uni.join().all(writes).andCollectFailures().replaceWithVoid()
                    .onFailure(CompositeException.class).transform(e -> ((CompositeException) e).getCauses().get(0));
        }
    }

    /** What an action or a new request left: the request as it stands after it, and whether messages wait to be sent. */
    public record Outcome(RequestView request, boolean queuedMessages) {
    }

    private static final List<String> ACTIVE_END = List.of(RequestState.COMPLETED.name(), RequestState.CANCELLED.name());

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    RotaSources rotas;

    @Inject
    LendingBalance balance;

    @ConfigProperty(name = "ill.time-zone", defaultValue = "UTC")
    ZoneId zone;

    /** How many requests this replica remembers as last answered or shown (0: none; every answer is read). */
    @ConfigProperty(name = "ill.remembered-requests", defaultValue = "1000")
    int rememberedRequests;

    private AnsweredRequests answered;

    @PostConstruct
    void init() {
        answered = new AnsweredRequests(rememberedRequests);
    }

    // ------------------------------------------------------------------------------------------------ create

    /** Creates the borrower's request, builds its rota and sends it to the first lender; returns its id. */
    public Uni<Long> create(String username, String borrowerCode, NewRequest req) {
        return create(username, borrowerCode, req, null);
    }

    /**
     * Creates a request; {@code peerRequestId} is the id an external borrower's own system gave it (ISO 18626), by which
     * its later messages name it. The same peer id sent again gives the request made the first time.
     */
    public Uni<Long> create(String username, String borrowerCode, NewRequest req, String peerRequestId) {
        return create(username, borrowerCode, req, peerRequestId, new Change(), (conn, id) -> Uni.createFrom().item(id));
    }

    /**
     * Creates the borrower's request as {@link #create(String, String, NewRequest)} does and answers with it as it
     * stands once sent, read in the same transaction.
     */
    public Uni<Outcome> createAndRead(String username, String borrowerCode, NewRequest req) {
        Change change = new Change();
        return create(username, borrowerCode, req, null, change, this::read).invoke(this::remember)
                .map(v -> new Outcome(v, change.queued));
    }

    private <T> Uni<T> create(String username, String borrowerCode, NewRequest req, String peerRequestId, Change change,
            BiFunction<SqlConnection, Long, Uni<T>> then) {
        req.check(LocalDate.now(clock.withZone(zone)));
        Uni<Subject> subject = req.clusterId() == null ? Uni.createFrom().nullItem() : rotas.subject(req.clusterId());
        return Uni.combine().all().unis(LendingPolicies.memberId(pool, borrowerCode), subject).asTuple().flatMap(both -> {
            long borrowerId = both.getItem1();
            Subject s = both.getItem2();
            return rotas.rota(req.serviceType(), borrowerId, s, req.maxCost()).flatMap(rota -> transaction(pool, change,
                    conn -> peerRequest(conn, borrowerId, peerRequestId).flatMap(existing -> existing != null
                            ? Uni.createFrom().item(new Created(existing, null))
                            : copyright(conn, borrowerId, req, s).flatMap(decision -> insert(conn, username, borrowerId, req,
                                    s, peerRequestId, rota).call(r -> record(conn, r.id(), borrowerId, req, s, decision)))
                                    .map(r -> new Created(r.id(), r))),
                    (conn, created) -> {
                        if (created.request() == null) {
                            return then.apply(conn, created.id());
                        }
                        Uni<T> answer = change.answer(then.apply(conn, created.id()));
                        return sendToFirstLender(conn, created.request(), rota, change).flatMap(ignored -> answer);
                    }));
        });
    }

    /** A request just inserted ({@code request}: what the transitions need of it), or one that existed ({@code null}). */
    private record Created(long id, Locked request) {
    }

    /**
     * A new request's rota and its sending to the rota's first lender (or the end of the rota when there is none), as
     * one batch: the first lender's entry is written as sent; the rest is what {@link #source} writes.
     */
    private Uni<Void> sendToFirstLender(SqlConnection conn, Locked r, Rota rota, Change change) {
        WriteBatch batch = new WriteBatch();
        Rota.Lender first = rota.lenders().isEmpty() ? null : rota.lenders().get(0);
        insertRota(batch, r.id(), 1, rota, first == null ? null : now());
        return sendOn(conn, r, first == null ? null : NextLender.of(first), batch, false, change);
    }

    /**
     * For a copy, what the rule of five says; refuses the request when it says no. The count is taken under a lock
     * on the borrower and journal, so two requests at once cannot both be the fifth.
     */
    private Uni<RuleOfFive.Decision> copyright(SqlConnection conn, long borrowerId, NewRequest req, Subject s) {
        if (req.serviceType() != ServiceType.COPY) {
            return Uni.createFrom().nullItem();
        }
        int requestYear = LocalDate.now(clock.withZone(zone)).getYear();
        String journal = journal(req, s);
        String key = RuleOfFive.journalKey(req.issn(), journal);
        Integer year = publicationYear(req, s);
        return conn.preparedQuery("select pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(borrowerId + "/" + key))
                .flatMap(ignored -> conn.preparedQuery("select count(*) as n from ill_copyright_record c"
                        + " join ill_request r on r.id = c.request_id where c.borrower_id = $1 and c.journal_key = $2"
                        + " and c.request_year = $3 and c.counted and r.state <> 'CANCELLED'")
                        .execute(Tuple.of(borrowerId, key, requestYear)))
                .map(rows -> {
                    int before = rows.iterator().next().getLong("n").intValue();
                    RuleOfFive.Decision d = RuleOfFive.decide(req.copyright() == NewRequest.Copyright.CCG, year, requestYear,
                            before, req.copyrightPermission(), journal);
                    if (!d.allowed()) {
                        throw new IllException(409, d.reason(),
                                List.of(new IllException.FieldError("copyrightPermission", d.reason())), List.of());
                    }
                    return d;
                });
    }

    private Uni<Void> record(SqlConnection conn, long requestId, long borrowerId, NewRequest req, Subject s,
            RuleOfFive.Decision decision) {
        if (decision == null) {
            return Uni.createFrom().voidItem();
        }
        Integer year = publicationYear(req, s);
        String journal = journal(req, s);
        return conn.preparedQuery("insert into ill_copyright_record (request_id, borrower_id, journal_key, journal_title,"
                + " publication_year, request_year, compliance, counted, permission, created_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(Tuple.tuple(Arrays.asList(requestId, borrowerId, RuleOfFive.journalKey(req.issn(), journal), journal,
                        year == null ? null : year.shortValue(), (short) LocalDate.now(clock.withZone(zone)).getYear(),
                        req.copyright().name(), decision.counted(), req.copyrightPermission(), now())))
                .replaceWithVoid();
    }

    private static String journal(NewRequest req, Subject s) {
        return NewRequest.blank(req.title()) ? (s == null ? null : s.title()) : req.title().strip();
    }

    private static Integer publicationYear(NewRequest req, Subject s) {
        return req.year() != null ? req.year() : (s == null ? null : s.year());
    }

    /** Removes copyright records older than the rule's keeping period; returns how many. */
    public Uni<Integer> purgeCopyrightRecords() {
        return pool.preparedQuery("delete from ill_copyright_record where created_at < $1")
                .execute(Tuple.of(now().minusYears(RuleOfFive.KEEP_YEARS))).map(rows -> rows.rowCount());
    }

    private static Uni<Long> peerRequest(SqlConnection conn, long borrowerId, String peerRequestId) {
        if (peerRequestId == null) {
            return Uni.createFrom().nullItem();
        }
        return conn.preparedQuery("select id from ill_request where borrower_id = $1 and peer_request_id = $2")
                .execute(Tuple.of(borrowerId, peerRequestId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
    }

    /** The request an external borrower's system knows by its own id, or 404. */
    public Uni<Long> findByPeerId(String borrowerCode, String peerRequestId) {
        return pool.preparedQuery("select r.id from ill_request r join member_library b on b.id = r.borrower_id"
                + " where lower(b.code) = lower($1) and r.peer_request_id = $2")
                .execute(Tuple.of(borrowerCode, peerRequestId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw IllException.notFound("member " + borrowerCode + " sent no request with id '" + peerRequestId + "'");
                    }
                    return rows.iterator().next().getLong("id");
                });
    }

    /**
     * Inserts a new request with its first audit line, in one statement, and answers with the request as the
     * transitions see it. An active request of the same patron for the same cluster is flagged as its duplicate, not
     * refused: a second copy may be meant.
     */
    private Uni<Locked> insert(SqlConnection conn, String username, long borrowerId, NewRequest req, Subject s,
            String peerRequestId, Rota rota) {
        OffsetDateTime now = now();
        String title = NewRequest.blank(req.title()) ? (s == null ? null : s.title()) : req.title().strip();
        String author = NewRequest.blank(req.author()) ? (s == null ? null : s.author()) : req.author().strip();
        Integer year = req.year() != null ? req.year() : (s == null ? null : s.year());
        NewRequest.ServiceLevel level = req.serviceLevel() == null ? NewRequest.ServiceLevel.NORMAL : req.serviceLevel();
        return conn.preparedQuery("with r as (insert into ill_request (borrower_id, service_type, cluster_id,"
                + " title, author, format, article_title, article_author, volume, issue, pages, pub_year, issn, patron_id,"
                + " patron_name, need_before, service_level, max_cost, notes, copyright, state, duplicate_of, created_at,"
                + " created_by, updated_at, peer_request_id, copyright_permission) values ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                + " $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
                + " (select min(d.id) from ill_request d where d.borrower_id = $1 and d.cluster_id = $3"
                + "   and lower(d.patron_id) = lower($14::varchar) and d.state <> all($22)), $23, $24, $23, $25, $26) returning id, version),"
                + " e as (insert into ill_request_event (request_id, at, actor, side, action, to_state, note)"
                + "   select id, $23, $24, $27, 'create', $21, $19 from r)"
                + " select r.id, r.version, m.code,"
                + "   $25::text is not null and exists (select 1 from ill_lending_policy p where p.member_id = $1"
                + "   and p.iso18626_address is not null) as borrower_peer"
                + " from r cross join member_library m where m.id = $1")
                .execute(Tuple.tuple(Arrays.asList(borrowerId, req.serviceType().name(), s == null ? null : s.clusterId(),
                        title, author, s == null ? null : s.format(), trim(req.articleTitle()), trim(req.articleAuthor()),
                        trim(req.volume()), trim(req.issue()), trim(req.pages()), year == null ? null : year.shortValue(),
                        trim(req.issn()), req.patronId().strip(), trim(req.patronName()), req.needBefore(), level.name(),
                        req.maxCost(), trim(req.notes()), req.copyright() == null ? null : req.copyright().name(),
                        RequestState.SOURCING.name(), ACTIVE_END.toArray(String[]::new), now, username, peerRequestId,
                        req.copyrightPermission(), Side.REQUESTER.name())))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    boolean onRota = !rota.lenders().isEmpty() || !rota.excluded().isEmpty();
                    return new Locked(r.getLong("id"), borrowerId, r.getString("code"), null, null, req.serviceType(),
                            RequestState.SOURCING, null, r.getInteger("version"), level == NewRequest.ServiceLevel.RUSH,
                            onRota ? 1 : 0, r.getBoolean("borrower_peer"), false, null);
                });
    }

    /**
     * The rota's entries for this round: those asked, in order, and those left out, each with its explanation; the
     * first lender's written as sent at {@code sentToFirst} when that is given.
     */
    private static void insertRota(WriteBatch batch, long requestId, int round, Rota rota, OffsetDateTime sentToFirst) {
        int n = rota.lenders().size() + rota.excluded().size();
        if (n == 0) {
            return;
        }
        Long[] members = new Long[n];
        Integer[] positions = new Integer[n];
        String[] explanations = new String[n];
        String[] costs = new String[n];
        Integer[] loanPeriods = new Integer[n];
        Integer[] answerDays = new Integer[n];
        Integer[] rushHours = new Integer[n];
        int i = 0;
        for (Rota.Lender l : rota.lenders()) {
            members[i] = l.memberId();
            positions[i] = l.position();
            explanations[i] = l.explanation();
            costs[i] = l.cost() == null ? null : l.cost().toPlainString();
            loanPeriods[i] = l.loanPeriodDays();
            answerDays[i] = l.answerDays();
            rushHours[i++] = l.rushAnswerHours();
        }
        for (Rota.Exclusion e : rota.excluded()) {
            members[i] = e.memberId();
            explanations[i++] = "left out: " + e.reason();
        }
        batch.add("insert into ill_rota_entry (request_id, member_id, round, position, explanation, cost, loan_period_days,"
                + " answer_days, rush_answer_hours, sent_at) select $1, e.member_id, $2, e.position, e.explanation,"
                + " e.cost::numeric, e.loan_period_days, e.answer_days, e.rush_answer_hours,"
                + " case when e.position = 1 then $10::timestamptz end from unnest($3::bigint[], $4::int[], $5::text[],"
                + " $6::text[], $7::int[], $8::int[], $9::int[]) as e(member_id, position, explanation, cost,"
                + " loan_period_days, answer_days, rush_answer_hours)",
                requestId, round, members, positions, explanations, costs, loanPeriods, answerDays, rushHours, sentToFirst);
    }

    // ------------------------------------------------------------------------------------------------ actions

    /**
     * A staff action on a request. {@code sides} says which side the caller acts for (or refuses);
     * {@code expectedVersion}, when given, must match the request's version, so a console that shows a stale request
     * cannot act on it unawares.
     */
    public Uni<Void> act(long id, String username, SideResolver sides, String actionName, String note, String reason,
            Integer expectedVersion) {
        return act(id, username, sides, actionName, note, reason, expectedVersion, new Change(), false).replaceWithVoid();
    }

    /**
     * A staff action as {@link #act(long, String, SideResolver, String, String, String, Integer)} takes it, answered
     * with the request as the action left it, read in the same transaction.
     */
    public Uni<Outcome> actAndRead(long id, String username, SideResolver sides, String actionName, String note,
            String reason, Integer expectedVersion) {
        Change change = new Change();
        return act(id, username, sides, actionName, note, reason, expectedVersion, change, true)
                .map(v -> new Outcome(v, change.queued));
    }

    /** The action; with {@code answer}, answered with the request as it left it (else with null). */
    private Uni<RequestView> act(long id, String username, SideResolver sides, String actionName, String note, String reason,
            Integer expectedVersion, Change change, boolean answer) {
        if (actionName == null || actionName.isBlank()) {
            throw IllException.invalid("action", "is required");
        }
        IllAction action = IllAction.byApiName(actionName.strip()).orElseThrow(() -> IllException.invalid("action",
                "'" + actionName + "' is not an ILL action; staff actions are " + String.join(", ", staffActions())));
        if (StateModel.RETURNABLE.transitions().stream().anyMatch(t -> t.action() == action && t.side() == Side.SYSTEM)) {
            throw IllException.invalid("action", "'" + action.apiName() + "' is a step the hub takes itself, not a staff action");
        }
        if (action == IllAction.UNFILLED && (reason == null || UnfilledReason.of(reason.strip()).isEmpty())) {
            throw IllException.invalid("reason", "an unfilled answer needs an ISO 18626 reason: "
                    + String.join(", ", Arrays.stream(UnfilledReason.values()).map(Enum::name).toList()));
        }
        if (action == IllAction.ADD_CONDITIONS && (note == null || note.isBlank())) {
            throw IllException.invalid("note", "state the conditions in the note");
        }
        Uni<Rota> rebuilt = action == IllAction.RE_REQUEST ? rebuildRota(id) : Uni.createFrom().nullItem();
        return rebuilt.flatMap(rota -> transaction(pool, change, conn -> lock(conn, id), (conn, r) -> {
            if (answer) {
                change.startFrom(answered.at(id, r.version()));
            }
            Uni<RequestView> read = answer ? change.answer(read(conn, id)) : Uni.createFrom().nullItem();
            return checked(conn, r, username, sides, action, trim(note), reason == null ? null : reason.strip(),
                    expectedVersion, rota, change).flatMap(ignored -> change.after != null
                            ? Uni.createFrom().item(change.after) : read);
        })).invoke(view -> {
            if (change.after != null) {
                answered.workedOut();
            }
            remember(view);
        });
    }

    /**
     * A transaction whose BEGIN goes to PostgreSQL together with its first statement, saving a round trip: {@code rest}
     * gets that statement's answer. Its commit goes with the change's last writes ({@link Change#last}) or, when the
     * change ends otherwise, once {@code rest} succeeds; anything failing rolls it back.
     */
    private static <F, T> Uni<T> transaction(Pool pool, Change change, Function<SqlConnection, Uni<F>> first,
            BiFunction<SqlConnection, F, Uni<T>> rest) {
        return pool.withConnection(conn -> {
            Uni<Transaction> tx = conn.begin().memoize().indefinitely();
            Uni<Void> commit = tx.flatMap(Transaction::commit).memoize().indefinitely();
            change.commitWithLastWrites(commit);
            return Uni.combine().all().unis(tx, first.apply(conn)).asTuple()
                    .flatMap(begun -> rest.apply(conn, begun.getItem2()))
                    .call(ignored -> commit)
                    .onFailure().call(e -> tx.flatMap(Transaction::rollback).onFailure().recoverWithNull());
        });
    }

    /**
     * A checked action inside the caller's transaction, for changes that go with it (a delivered document is stored
     * with the shipping of the copy). Locks the request first.
     */
    public Uni<Void> actIn(SqlConnection conn, long id, String username, SideResolver sides, IllAction action, String note,
            String reason, Integer expectedVersion, Rota rebuilt) {
        return actIn(conn, id, username, sides, action, note, reason, expectedVersion, rebuilt, new Change());
    }

    private Uni<Void> actIn(SqlConnection conn, long id, String username, SideResolver sides, IllAction action, String note,
            String reason, Integer expectedVersion, Rota rebuilt, Change change) {
        return lock(conn, id).flatMap(r -> checked(conn, r, username, sides, action, note, reason, expectedVersion, rebuilt,
                change));
    }

    /** A staff action on a locked request, once the caller's side, the version and the state model allow it. */
    private Uni<Void> checked(SqlConnection conn, Locked r, String username, SideResolver sides, IllAction action,
            String note, String reason, Integer expectedVersion, Rota rebuilt, Change change) {
        long id = r.id();
        Side side = sides.sideOf(id, r.borrowerCode(), r.lenderCode());
        if (expectedVersion != null && expectedVersion != r.version()) {
            throw IllException.conflict("request " + id + " has changed since version " + expectedVersion
                    + " (it is at version " + r.version() + ", " + r.state() + "); reload it and try again");
        }
        StateModel model = StateModel.of(r.type());
        Transition t = model.find(r.state(), action, side).orElseThrow(() -> {
            List<String> allowed = model.allowed(r.state(), side).stream().map(IllAction::apiName).toList();
            return IllException.actionNotAllowed("'" + action.apiName() + "' is not allowed for the "
                    + side.name().toLowerCase() + " of request " + id + " in state " + r.state()
                    + (allowed.isEmpty() ? "; the " + side.name().toLowerCase() + " has no action now"
                            : "; allowed now: " + String.join(", ", allowed)), allowed);
        });
        return move(conn, r, t, username, side, note, reason, rebuilt, change);
    }

    private Uni<Rota> rebuildRota(long id) {
        return pool.preparedQuery("select service_type, borrower_id, cluster_id, max_cost from ill_request where id = $1")
                .execute(Tuple.of(id)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw IllException.notFound("there is no ILL request " + id);
                    }
                    Row r = rows.iterator().next();
                    Long cluster = r.getLong("cluster_id");
                    Uni<Subject> subject = cluster == null ? Uni.createFrom().nullItem() : rotas.subject(cluster);
                    return subject.flatMap(s -> rotas.rota(ServiceType.valueOf(r.getString("service_type")),
                            r.getLong("borrower_id"), s, r.getBigDecimal("max_cost")));
                });
    }

    private Uni<Locked> lock(SqlClient conn, long id) {
        return conn.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw IllException.notFound("there is no ILL request " + id);
            }
            Row r = rows.iterator().next();
            return new Locked(r.getLong("id"), r.getLong("borrower_id"), r.getString("borrower_code"), r.getLong("lender_id"),
                    r.getString("lender_code"), ServiceType.valueOf(r.getString("service_type")),
                    RequestState.valueOf(r.getString("state")), r.getLocalDate("due_date"), r.getInteger("version"),
                    "RUSH".equals(r.getString("service_level")), r.getInteger("round"), r.getBoolean("borrower_peer"),
                    r.getBoolean("lender_peer"), r.getInteger("loan_period_days"));
        });
    }

    /**
     * Carries out one transition on a locked request, then whatever the hub does next (sourcing) and its timers. The
     * transition's writes do not depend on each other's answers: they go to PostgreSQL as one statement, followed by
     * those that read before they write (ISO 18626 messages).
     */
    private Uni<Void> move(SqlConnection conn, Locked r, Transition t, String actor, Side side, String note, String reason,
            Rota rebuilt, Change change) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        OffsetDateTime at = now();
        WriteBatch batch = new WriteBatch();
        List<Uni<Void>> writes = new ArrayList<>();
        Locked next = switch (t.effect()) {
            case LENDER_DONE -> {
                outcome(batch, change, r, switch (t.action()) {
                    case UNFILLED -> "UNFILLED:" + reason;
                    case SKIP_LENDER -> "SKIPPED";
                    default -> "CONDITIONS_REJECTED";
                });
                yield r.withoutLender(t.to(), r.round());
            }
            case REBUILD_ROTA -> {
                insertRota(batch, r.id(), r.round() + 1, rebuilt, null);
                change.rotaRebuilt();
                yield r.withoutLender(t.to(), r.round() + 1);
            }
            case SET_DUE_DATE -> r.with(t.to(), today.plusDays(loanPeriod(r)), r.round());
            case EXTEND_DUE_DATE -> r.with(t.to(), (r.dueDate() == null || r.dueDate().isBefore(today) ? today : r.dueDate())
                    .plusDays(loanPeriod(r)), r.round());
            case NONE, NEXT_LENDER -> r.with(t.to(), r.dueDate(), r.round());
        };
        switch (t.action()) {
            case SHIP -> outcome(batch, change, r, "SUPPLIED");
            case CONFIRM_CANCEL -> outcome(batch, change, r, "CANCELLED");
            default -> {
            }
        }
        if (side == Side.REQUESTER && r.lenderPeer() && IsoOutbox.REQUESTER_ACTIONS.containsKey(t.action())) {
            writes.add(IsoOutbox.enqueueRequesterAction(conn, r.id(), r.lenderId(), t.action(), note, at));
            change.queued = true;
        }
        update(batch, r, next, t.action() == IllAction.SHIP, at);
        Locked lender = next.lenderId() != null ? next : r;
        step(batch, change, r.id(), at, actor, side, t.action().apiName(), r.state(), next.state(), lender.lenderId(),
                lender.lenderCode(), note, reason);
        if (side != Side.REQUESTER && r.borrowerPeer()) {
            writes.add(IsoOutbox.enqueueSupplierUpdate(conn, r.id(), t.action(), r.lenderCode(), next.dueDate(), note, at));
            change.queued = true;
        }
        if (next.state() == RequestState.SOURCING) {
            writes.add(0, batch.send(conn));
            return together(writes).flatMap(ignored -> source(conn, next, change));
        }
        timers(batch, next, null);
        return change.last(conn, batch, writes, next);
    }

    private static int loanPeriod(Locked r) {
        if (r.loanPeriodDays() == null) {
            throw new IllegalStateException("request " + r.id() + " has no terms of its lender " + r.lenderCode() + " on its rota");
        }
        return r.loanPeriodDays();
    }

    /**
     * Statements on one connection sent without waiting for each answer; PostgreSQL runs them in this order, and the
     * first failure fails the whole (and so the transaction).
     */
    private static Uni<Void> together(List<Uni<Void>> statements) {
        return Uni.join().all(statements).andFailFast().replaceWithVoid();
    }

    /**
     * The lender a request goes to next, with the terms of its rota entry and its closures from today on (which the
     * answer deadline skips).
     */
    private record NextLender(long memberId, String code, String iso18626Address, Integer loanPeriodDays, int answerDays,
            int rushAnswerHours, List<Closure> closures) {

        static NextLender of(Row r) {
            return new NextLender(r.getLong("member_id"), r.getString("code"), r.getString("iso18626_address"),
                    r.getInteger("loan_period_days"), r.getInteger("answer_days"), r.getInteger("rush_answer_hours"),
                    LendingPolicies.closures(r));
        }

        /** The first lender of a rota just built: its policy's terms and closures as the rota read them. */
        static NextLender of(Rota.Lender l) {
            return new NextLender(l.memberId(), l.memberCode(), l.iso18626Address(), l.loanPeriodDays(), l.answerDays(),
                    l.rushAnswerHours(), l.closures());
        }
    }

    /** From SOURCING: the next lender of the current rota gets the request, or the rota has ended. */
    private Uni<Void> source(SqlConnection conn, Locked r, Change change) {
        return conn.preparedQuery("select e.member_id, m.code, p.iso18626_address, e.loan_period_days, e.answer_days,"
                + " e.rush_answer_hours, " + LendingPolicies.closuresColumn("e.member_id", 3)
                + " from ill_rota_entry e"
                + " join member_library m on m.id = e.member_id left join ill_lending_policy p on p.member_id = e.member_id"
                + " where e.request_id = $1 and e.round = $2 and e.position is not null and e.sent_at is null"
                + " order by e.position limit 1")
                .execute(Tuple.of(r.id(), r.round(), LocalDate.now(clock.withZone(zone))))
                .flatMap(rows -> sendOn(conn, r, rows.size() == 0 ? null : NextLender.of(rows.iterator().next()),
                        new WriteBatch(), true, change));
    }

    /**
     * Sends a request in SOURCING to {@code lender}, or ends its rota when there is none, adding the writes to
     * {@code batch}; {@code markSent} writes the lender's rota entry as sent (a rota written in the same batch has it
     * so already).
     */
    private Uni<Void> sendOn(SqlConnection conn, Locked r, NextLender lender, WriteBatch batch, boolean markSent,
            Change change) {
        StateModel model = StateModel.of(r.type());
        OffsetDateTime at = now();
        List<Uni<Void>> writes = new ArrayList<>();
        Transition t;
        Locked next;
        String note;
        if (lender == null) {
            t = model.find(RequestState.SOURCING, IllAction.END_ROTA, Side.SYSTEM).orElseThrow();
            next = r.withoutLender(t.to(), r.round());
            note = "no lender left on the rota: review the request, re-request or cancel it";
            if (r.borrowerPeer()) {
                writes.add(IsoOutbox.enqueueSupplierUpdate(conn, r.id(), t.action(), null, null, "no member could supply it",
                        at));
                change.queued = true;
            }
        } else {
            t = model.find(RequestState.SOURCING, IllAction.SEND, Side.SYSTEM).orElseThrow();
            next = r.sentTo(t.to(), lender.memberId(), lender.code(), lender.iso18626Address() != null,
                    lender.loanPeriodDays());
            note = "sent to " + next.lenderCode();
            if (markSent) {
                batch.add("update ill_rota_entry set sent_at = $4 where request_id = $1 and round = $2 and member_id = $3",
                        r.id(), r.round(), next.lenderId(), at);
                change.sent(r.round(), next.lenderCode(), at);
            }
            if (lender.iso18626Address() != null) {
                writes.add(IsoOutbox.enqueueRequest(conn, r.id(), next.lenderId(), lender.iso18626Address(), at));
                change.queued = true;
            }
        }
        update(batch, r, next, false, at);
        step(batch, change, r.id(), at, "hub", Side.SYSTEM, t.action().apiName(), r.state(), t.to(), next.lenderId(),
                next.lenderCode(), note, null);
        timers(batch, next, lender);
        return change.last(conn, batch, writes, next);
    }

    /**
     * The request's timers follow its state: a deadline for the lender's answer while SENT ({@code lender}: the
     * lender's rota entry, with its answer times and its closures from today on), the due date while RECEIVED.
     */
    private void timers(WriteBatch batch, Locked r, NextLender lender) {
        batch.add("delete from ill_timer where request_id = $1", r.id());
        if (r.state() == RequestState.SENT) {
            BusinessCalendar calendar = new BusinessCalendar(zone, lender.closures());
            Instant now = clock.instant();
            Instant deadline = r.rush() ? calendar.afterBusinessHours(now, lender.rushAnswerHours())
                    : calendar.afterBusinessDays(now, lender.answerDays());
            timer(batch, r.id(), "LENDER_ANSWER", deadline, r.lenderId());
        } else if (r.state() == RequestState.RECEIVED && r.type().returnable() && r.dueDate() != null) {
            timer(batch, r.id(), "OVERDUE", new BusinessCalendar(zone, List.of()).overdueFrom(r.dueDate()), r.lenderId());
        }
    }

    private static void timer(WriteBatch batch, long requestId, String kind, Instant due, Long lenderId) {
        batch.add("insert into ill_timer (request_id, kind, due_at, lender_id) values ($1, $2, $3, $4)",
                requestId, kind, due.atOffset(ZoneOffset.UTC), lenderId);
    }

    private static void outcome(WriteBatch batch, Change change, Locked r, String outcome) {
        batch.add("update ill_rota_entry set outcome = $4 where request_id = $1 and round = $2 and member_id = $3",
                r.id(), r.round(), r.lenderId(), outcome);
        change.outcome(r.round(), r.lenderCode(), outcome);
    }

    /**
     * Adds the writes of the request's step from {@code from} to {@code next}: its new state ({@code ships} records when
     * it was shipped, which the lending balance counts), and whether the lender's item is out on loan, which the rota
     * counts against the lender's limit.
     */
    private void update(WriteBatch batch, Locked from, Locked next, boolean ships, OffsetDateTime at) {
        batch.add("update ill_request set state = $2, lender_id = $3, due_date = $4, updated_at = $5,"
                + " version = version + 1, shipped_at = case when $6 then $5 else shipped_at end where id = $1",
                next.id(), next.state().name(), next.lenderId(), next.dueDate(), at, ships);
        if (ships) {
            balance.shipped(batch, next.lenderId(), from.borrowerId());
        }
        boolean wasOut = from.state().itemOut(from.type());
        boolean isOut = next.state().itemOut(next.type());
        if (isOut && (!wasOut || !Objects.equals(from.lenderId(), next.lenderId()))) {
            batch.add("insert into ill_loan_out (request_id, lender_id) values ($1, $2)"
                    + " on conflict (request_id) do update set lender_id = excluded.lender_id", next.id(), next.lenderId());
        } else if (wasOut && !isOut) {
            batch.add("delete from ill_loan_out where request_id = $1", from.id());
        }
    }

    /** A step's audit line, written and kept for the answer ({@code lenderCode}: the code of {@code lenderId}). */
    private static void step(WriteBatch batch, Change change, long requestId, OffsetDateTime at, String actor, Side side,
            String action, RequestState from, RequestState to, Long lenderId, String lenderCode, String note, String reason) {
        batch.add("insert into ill_request_event (request_id, at, actor, side, action, from_state, to_state,"
                + " lender_id, note, reason) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                requestId, at, actor, side.name(), action, from == null ? null : from.name(), to.name(), lenderId, note, reason);
        change.stepped(at, new RequestView.Event(at, actor, side.name(), action, from, to, lenderCode, note, reason));
    }

    // ------------------------------------------------------------------------------------------------ timers

    /**
     * Runs one due timer, if any, and says whether there was one. The timer and its request are claimed together with
     * {@code FOR UPDATE SKIP LOCKED}: hub replicas running timers at once each take different ones, and a request a
     * member's staff are changing right now is left for the next run.
     */
    public Uni<Boolean> runNextTimer() {
        OffsetDateTime now = now();
        return pool.withTransaction(conn -> conn.preparedQuery("select t.id, t.request_id, t.kind, t.lender_id from ill_timer t"
                + " join ill_request r on r.id = t.request_id where t.due_at <= $1 order by t.due_at, t.id limit 1"
                + " for update of t, r skip locked")
                .execute(Tuple.of(now))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row timer = rows.iterator().next();
                    long requestId = timer.getLong("request_id");
                    return conn.preparedQuery("delete from ill_timer where id = $1").execute(Tuple.of(timer.getLong("id")))
                            .flatMap(ignored -> lock(conn, requestId))
                            .flatMap(r -> fire(conn, r, timer.getString("kind"), timer.getLong("lender_id")))
                            .replaceWith(true);
                }));
    }

    private Uni<Void> fire(SqlConnection conn, Locked r, String kind, Long lenderId) {
        StateModel model = StateModel.of(r.type());
        if (kind.equals("LENDER_ANSWER") && r.state() == RequestState.SENT && lenderId != null && lenderId.equals(r.lenderId())) {
            Transition skip = model.find(r.state(), IllAction.SKIP_LENDER, Side.SYSTEM).orElseThrow();
            LOG.infof("ILL request %d: %s did not answer in time; moving to the next lender", r.id(), r.lenderCode());
            return move(conn, r, skip, "hub", Side.SYSTEM, r.lenderCode() + " did not answer in time ("
                    + (r.rush() ? "rush" : "normal") + " service)", null, null, new Change());
        }
        if (kind.equals("OVERDUE")) {
            var overdue = model.find(r.state(), IllAction.MARK_OVERDUE, Side.SYSTEM);
            if (overdue.isPresent() && r.dueDate() != null && r.dueDate().isBefore(LocalDate.now(clock.withZone(zone)))) {
                return move(conn, r, overdue.get(), "hub", Side.SYSTEM, "due " + r.dueDate(), null, null, new Change());
            }
        }
        // the request moved on since the timer was set; nothing to do
        return Uni.createFrom().voidItem();
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * The request with its timeline and rota, in one statement: each comes as arrays of its columns beside the
     * request's row, which the client decodes as they are (no JSON to build and parse, no timestamps as text). The
     * timeline is put in order by its ids here, the rota by its rank, numbered in the statement (one sort).
     */
    private static final String READ = "select r.*, b.code as borrower_code, l.code as lender_code, t.*, o.*"
            + " from ill_request r join member_library b on b.id = r.borrower_id left join member_library l on l.id = r.lender_id,"
            + " lateral (select array_agg(e.id) as t_id, array_agg(e.at) as t_at, array_agg(e.actor) as t_actor,"
            + "   array_agg(e.side) as t_side, array_agg(e.action) as t_action, array_agg(e.from_state) as t_from,"
            + "   array_agg(e.to_state) as t_to, array_agg(m.code) as t_lender, array_agg(e.note) as t_note,"
            + "   array_agg(e.reason) as t_reason"
            + "   from ill_request_event e left join member_library m on m.id = e.lender_id where e.request_id = r.id) t,"
            + " lateral (select array_agg(e.rank) as o_rank, array_agg(e.round) as o_round, array_agg(e.position) as o_position,"
            + "   array_agg(e.code) as o_member, array_agg(e.explanation) as o_explanation, array_agg(e.sent_at) as o_sent_at,"
            + "   array_agg(e.outcome) as o_outcome"
            + "   from (select e.round, e.position, m.code, e.explanation, e.sent_at, e.outcome,"
            + "     row_number() over (order by e.round, e.position nulls last, m.code) as rank"
            + "     from ill_rota_entry e join member_library m on m.id = e.member_id where e.request_id = r.id) e) o"
            + " where r.id = $1";

    public Uni<RequestView> get(long id) {
        return read(pool, id).invoke(this::remember);
    }

    /**
     * How many actions this replica answered with the request worked out from the one it had last answered with or
     * shown, instead of reading it back.
     */
    public long answersWorkedOut() {
        return answered.answersWorkedOut();
    }

    /** Remembers a request as answered or shown once its change is committed (null: nothing to remember). */
    private void remember(RequestView view) {
        if (view != null) {
            answered.remember(view);
        }
    }

    private Uni<RequestView> read(SqlClient sql, long id) {
        return sql.preparedQuery(READ).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw IllException.notFound("there is no ILL request " + id);
            }
            Row r = rows.iterator().next();
            return view(r, timeline(r), rota(r));
        });
    }

    private static List<RequestView.Event> timeline(Row r) {
        OffsetDateTime[] at = r.getArrayOfOffsetDateTimes("t_at");
        String[] actor = r.getArrayOfStrings("t_actor");
        String[] side = r.getArrayOfStrings("t_side");
        String[] action = r.getArrayOfStrings("t_action");
        String[] from = r.getArrayOfStrings("t_from");
        String[] to = r.getArrayOfStrings("t_to");
        String[] lender = r.getArrayOfStrings("t_lender");
        String[] note = r.getArrayOfStrings("t_note");
        String[] reason = r.getArrayOfStrings("t_reason");
        return inOrder(r.getArrayOfLongs("t_id"), i -> new RequestView.Event(at[i], actor[i], side[i], action[i],
                from[i] == null ? null : RequestState.valueOf(from[i]), RequestState.valueOf(to[i]), lender[i], note[i], reason[i]));
    }

    private static List<RequestView.RotaLine> rota(Row r) {
        Integer[] round = r.getArrayOfIntegers("o_round");
        Integer[] position = r.getArrayOfIntegers("o_position");
        String[] member = r.getArrayOfStrings("o_member");
        String[] explanation = r.getArrayOfStrings("o_explanation");
        OffsetDateTime[] sentAt = r.getArrayOfOffsetDateTimes("o_sent_at");
        String[] outcome = r.getArrayOfStrings("o_outcome");
        return inOrder(r.getArrayOfLongs("o_rank"),
                i -> new RequestView.RotaLine(round[i], position[i], member[i], explanation[i], sentAt[i], outcome[i]));
    }

    /** The lines aggregated beside a row (none: null arrays), made by {@code line} from each position, in order of {@code keys}. */
    private static <T> List<T> inOrder(Long[] keys, IntFunction<T> line) {
        if (keys == null) {
            return List.of();
        }
        return IntStream.range(0, keys.length).boxed().sorted(Comparator.comparing(i -> keys[i])).map(line::apply).toList();
    }

    private static RequestView view(Row r, List<RequestView.Event> events, List<RequestView.RotaLine> rota) {
        ServiceType type = ServiceType.valueOf(r.getString("service_type"));
        RequestState state = RequestState.valueOf(r.getString("state"));
        StateModel model = StateModel.of(type);
        Short year = r.getShort("pub_year");
        String copyright = r.getString("copyright");
        return new RequestView(r.getLong("id"), type, r.getLong("cluster_id"), r.getString("title"), r.getString("author"),
                r.getString("format"), r.getString("article_title"), r.getString("article_author"), r.getString("volume"),
                r.getString("issue"), r.getString("pages"), year == null ? null : year.intValue(), r.getString("issn"),
                r.getString("patron_id"), r.getString("patron_name"), r.getLocalDate("need_before"),
                NewRequest.ServiceLevel.valueOf(r.getString("service_level")), r.getBigDecimal("max_cost"), r.getString("notes"),
                copyright == null ? null : NewRequest.Copyright.valueOf(copyright), r.getBoolean("copyright_permission"),
                r.getString("borrower_code"),
                r.getString("lender_code"), state, model.isoSupplierStatus(state), r.getLocalDate("due_date"),
                r.getLong("duplicate_of"), r.getOffsetDateTime("created_at"), r.getString("created_by"),
                r.getOffsetDateTime("updated_at"), r.getInteger("version"), model.allowed(state, Side.REQUESTER),
                model.allowed(state, Side.SUPPLIER), events, rota);
    }

    public Uni<RequestPage> list(RequestQuery q) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (q.borrowerCode() != null) {
            args.add(q.borrowerCode());
            where.append(" and lower(b.code) = lower($").append(args.size()).append(')');
        }
        if (q.lenderCode() != null) {
            args.add(q.lenderCode());
            where.append(" and lower(l.code) = lower($").append(args.size()).append(')');
        }
        if (q.state() != null) {
            args.add(q.state().name());
            where.append(" and r.state = $").append(args.size());
        }
        if (q.serviceType() != null) {
            args.add(q.serviceType().name());
            where.append(" and r.service_type = $").append(args.size());
        }
        if (q.patronId() != null) {
            args.add(q.patronId());
            where.append(" and lower(r.patron_id) = lower($").append(args.size()).append(')');
        }
        if (q.activeOnly()) {
            args.add(ACTIVE_END.toArray(String[]::new));
            where.append(" and r.state <> all($").append(args.size()).append(')');
        }
        if (q.search() != null && !q.search().isBlank()) {
            args.add("%" + q.search().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            int n = args.size();
            where.append(" and (r.title ilike $").append(n).append(" or r.article_title ilike $").append(n)
                    .append(" or r.patron_id ilike $").append(n).append(" or r.patron_name ilike $").append(n).append(')');
        }
        String from = " from ill_request r join member_library b on b.id = r.borrower_id"
                + " left join member_library l on l.id = r.lender_id" + where;
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(q.size());
        pageArgs.add((long) (q.page() - 1) * q.size());
        Uni<Long> total = pool.preparedQuery("select count(*) as n" + from).execute(Tuple.tuple(args))
                .map(rows -> rows.iterator().next().getLong("n"));
        Uni<List<RequestPage.Summary>> page = pool.preparedQuery("select r.*, b.code as borrower_code, l.code as lender_code"
                + from + " order by " + RequestQuery.SORTS.getOrDefault(q.sort() == null ? "newest" : q.sort(), "r.id desc")
                + " limit $" + (args.size() + 1) + " offset $" + (args.size() + 2))
                .execute(Tuple.tuple(pageArgs))
                .map(rows -> {
                    List<RequestPage.Summary> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new RequestPage.Summary(r.getLong("id"), ServiceType.valueOf(r.getString("service_type")),
                                r.getString("title"), r.getString("article_title"), r.getString("patron_id"),
                                r.getString("borrower_code"), r.getString("lender_code"),
                                RequestState.valueOf(r.getString("state")),
                                NewRequest.ServiceLevel.valueOf(r.getString("service_level")), r.getLocalDate("need_before"),
                                r.getLocalDate("due_date"), r.getLong("duplicate_of"), r.getOffsetDateTime("updated_at"),
                                r.getInteger("version")));
                    }
                    return list;
                });
        return total.flatMap(n -> page.map(p -> new RequestPage(n, q.page(), q.size(), p)));
    }

    /** How many of a member's active requests stand in one state, on one side, and whether its staff can act on them. */
    public record QueueCount(Side side, ServiceType serviceType, RequestState state, long count, boolean needsAction) {
    }

    /** A member's active requests counted by side, service type and state: the ILL staff's to-do list. */
    public Uni<List<QueueCount>> activeCounts(String memberCode) {
        return pool.preparedQuery("""
                        select 'REQUESTER' as side, r.service_type, r.state, count(*) as n
                          from ill_request r join member_library m on m.id = r.borrower_id
                         where lower(m.code) = lower($1) and r.state <> all($2)
                         group by r.service_type, r.state
                        union all
                        select 'SUPPLIER', r.service_type, r.state, count(*)
                          from ill_request r join member_library m on m.id = r.lender_id
                         where lower(m.code) = lower($1) and r.state <> all($2)
                         group by r.service_type, r.state""")
                .execute(Tuple.of(memberCode, ACTIVE_END.toArray(String[]::new)))
                .map(rows -> {
                    List<QueueCount> counts = new ArrayList<>();
                    for (Row r : rows) {
                        Side side = Side.valueOf(r.getString("side"));
                        ServiceType type = ServiceType.valueOf(r.getString("service_type"));
                        RequestState state = RequestState.valueOf(r.getString("state"));
                        // A borrower may always cancel; that alone is no reason to look at a request.
                        boolean needsAction = StateModel.of(type).allowed(state, side).stream()
                                .anyMatch(a -> a != IllAction.CANCEL);
                        counts.add(new QueueCount(side, type, state, r.getLong("n"), needsAction));
                    }
                    return counts;
                });
    }

    /** The actions staff can take (not the hub's own steps), for messages. */
    public static List<String> staffActions() {
        return Arrays.stream(IllAction.values())
                .filter(a -> StateModel.RETURNABLE.transitions().stream().noneMatch(t -> t.action() == a && t.side() == Side.SYSTEM))
                .map(IllAction::apiName).toList();
    }

    /** Now, to the microsecond PostgreSQL keeps, so a time the hub writes is the time it reads back. */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
