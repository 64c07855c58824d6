package org.consortiumhub.ill.iso;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.ill.iso.IsoMessage.Header;
import org.consortiumhub.ill.iso.IsoMessage.ItemId;
import org.consortiumhub.ill.state.IllAction;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * ISO 18626 messages to members that are external ILL systems. A message is written to the outbox in the same
 * transaction as the change it reports, so none is lost or sent for a change that was rolled back; it is sent
 * afterwards, by whichever replica claims it first ({@code FOR UPDATE SKIP LOCKED}), and sent again later while the
 * peer cannot be reached. A peer that answers with an ERROR confirmation has refused it: that is kept, not retried.
 */
@ApplicationScoped
public class IsoOutbox {

    private static final Logger LOG = Logger.getLogger(IsoOutbox.class);

    /** The requester's actions an ISO 18626 lender is told of, with their ISO action. */
    public static final Map<IllAction, String> REQUESTER_ACTIONS = Map.of(IllAction.RECEIVED, "Received",
            IllAction.CANCEL, "Cancel", IllAction.REQUEST_RENEWAL, "Renew", IllAction.SHIP_RETURN, "ShippedReturn");

    /** Messages one delivery run sends at most. */
    static final int BATCH = 100;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "ill.iso18626.timeout", defaultValue = "5s")
    Duration timeout;

    private volatile HttpClient client;

    /** Queues the ISO 18626 request for a lender that is an external system. */
    public static Uni<Void> enqueueRequest(SqlConnection conn, long requestId, long lenderId, String address, OffsetDateTime now) {
        return conn.preparedQuery("select r.*, b.code as borrower_code, l.code as lender_code from ill_request r"
                + " join member_library b on b.id = r.borrower_id join member_library l on l.id = $2 where r.id = $1")
                .execute(Tuple.of(requestId, lenderId))
                .flatMap(rows -> {
                    Row r = rows.iterator().next();
                    List<ItemId> ids = new ArrayList<>();
                    if (r.getString("issn") != null) {
                        ids.add(new ItemId("ISSN", r.getString("issn")));
                    }
                    boolean copy = "COPY".equals(r.getString("service_type"));
                    String copyright = r.getString("copyright");
                    byte[] body = IsoWriter.request(new IsoWriter.OutgoingRequest(
                            header(r.getString("lender_code"), r.getString("borrower_code"), requestId, now),
                            r.getString("title"), r.getString("author"), r.getString("article_title"),
                            r.getString("article_author"), r.getString("volume"), r.getString("issue"), r.getString("pages"),
                            ids, copy ? "Copy" : "Loan", "RUSH".equals(r.getString("service_level")), r.getLocalDate("need_before"),
                            copyright == null ? null : "US-" + copyright, r.getString("notes"), r.getString("patron_id"),
                            r.getBigDecimal("max_cost")));
                    return insert(conn, requestId, lenderId, address, "request", body, now);
                });
    }

    /** Queues the requesting-agency message for a requester action, if the current lender is an external system. */
    public static Uni<Void> enqueueRequesterAction(SqlConnection conn, long requestId, long lenderId, IllAction action,
            String note, OffsetDateTime now) {
        return conn.preparedQuery("select p.iso18626_address, l.code as lender_code, b.code as borrower_code"
                + " from ill_request r join member_library b on b.id = r.borrower_id join member_library l on l.id = $2"
                + " join ill_lending_policy p on p.member_id = $2 where r.id = $1 and p.iso18626_address is not null")
                .execute(Tuple.of(requestId, lenderId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Row r = rows.iterator().next();
                    byte[] body = IsoWriter.requestingAgencyMessage(header(r.getString("lender_code"),
                            r.getString("borrower_code"), requestId, now), REQUESTER_ACTIONS.get(action), note);
                    return insert(conn, requestId, lenderId, r.getString("iso18626_address"), "requestingAgencyMessage", body, now);
                });
    }

    /** How a lender's step reads to an external borrower: reasonForMessage, answer, status. */
    private record SupplierUpdate(String reason, String answer, String status) {
    }

    private static SupplierUpdate supplierUpdate(IllAction action, boolean loan) {
        return switch (action) {
            case EXPECT_TO_SUPPLY -> new SupplierUpdate("RequestResponse", null, "ExpectToSupply");
            case WILL_SUPPLY -> new SupplierUpdate("RequestResponse", null, "WillSupply");
            case ADD_CONDITIONS -> new SupplierUpdate("Notification", null, "ExpectToSupply");
            case SHIP -> new SupplierUpdate("StatusChange", null, loan ? "Loaned" : "CopyCompleted");
            case GRANT_RENEWAL -> new SupplierUpdate("RenewResponse", "Y", "Loaned");
            case DENY_RENEWAL -> new SupplierUpdate("RenewResponse", "N", "Loaned");
            case RECALL -> new SupplierUpdate("StatusChange", null, "Recalled");
            case CHECK_IN -> new SupplierUpdate("StatusChange", null, "LoanCompleted");
            case CONFIRM_CANCEL -> new SupplierUpdate("CancelResponse", "Y", "Cancelled");
            case DENY_CANCEL -> new SupplierUpdate("CancelResponse", "N", "WillSupply");
            case MARK_OVERDUE -> new SupplierUpdate("StatusChange", null, "Overdue");
            // the hub tries the next lender itself; the borrower hears only when none is left
            case END_ROTA -> new SupplierUpdate("StatusChange", null, "Unfilled");
            default -> null;
        };
    }

    /**
     * Queues the supplying-agency message that tells an external borrower of a lender's step (or the end of the rota),
     * if the request came from such a borrower.
     */
    public static Uni<Void> enqueueSupplierUpdate(SqlConnection conn, long requestId, IllAction action, String lenderCode,
            java.time.LocalDate dueDate, String note, OffsetDateTime now) {
        return conn.preparedQuery("select r.peer_request_id, r.service_type, r.borrower_id, b.code as borrower_code,"
                + " p.iso18626_address from ill_request r join member_library b on b.id = r.borrower_id"
                + " join ill_lending_policy p on p.member_id = r.borrower_id"
                + " where r.id = $1 and r.peer_request_id is not null and p.iso18626_address is not null")
                .execute(Tuple.of(requestId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Row r = rows.iterator().next();
                    SupplierUpdate u = supplierUpdate(action, "LOAN".equals(r.getString("service_type")));
                    if (u == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Header header = new Header("ISIL", lenderCode == null ? "HUB" : lenderCode, "ISIL",
                            r.getString("borrower_code"), null, now.toInstant().toString(), r.getString("peer_request_id"),
                            String.valueOf(requestId));
                    byte[] body = IsoWriter.supplyingAgencyMessage(header, u.reason(), u.answer(), note, null, u.status(),
                            dueDate == null || !u.status().equals("Loaned") ? null
                                    : dueDate.atTime(23, 59, 59).toInstant(ZoneOffset.UTC),
                            now.toInstant(), action == IllAction.SHIP);
                    return insert(conn, requestId, r.getLong("borrower_id"), r.getString("iso18626_address"),
                            "supplyingAgencyMessage", body, now);
                });
    }

    private static Header header(String lenderCode, String borrowerCode, long requestId, OffsetDateTime now) {
        return new Header("ISIL", lenderCode, "ISIL", borrowerCode, null, now.toInstant().toString(), String.valueOf(requestId), null);
    }

    private static Uni<Void> insert(SqlConnection conn, long requestId, long memberId, String address, String kind, byte[] body,
            OffsetDateTime now) {
        return conn.preparedQuery("insert into ill_iso_outbox (request_id, member_id, address, kind, body, created_at,"
                + " next_attempt_at) values ($1, $2, $3, $4, $5, $6, $6)")
                .execute(Tuple.of(requestId, memberId, address, kind, Buffer.buffer(body).getDelegate(), now)).replaceWithVoid();
    }

    /** Sends due messages until none is left or a batch is done; returns how many were handled. */
    public Uni<Integer> deliverDue() {
        return io.smallrye.mutiny.Multi.createBy().repeating().uni(this::deliverNext).whilst(sent -> sent)
                .select().first(BATCH).filter(sent -> sent).collect().asList().map(List::size);
    }

    /**
     * Sends one due message, if there is one. A request's messages go in the order they were written: one waits while an
     * earlier message of its request is unsent, whether another delivery is sending it at this moment (it is locked, and
     * skipped) or it waits to be tried again. Otherwise two deliveries at once could tell a peer "Loaned" before
     * "WillSupply".
     */
    public Uni<Boolean> deliverNext() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return pool.withTransaction(conn -> conn.preparedQuery("select o.id, o.address, o.body, o.attempts from ill_iso_outbox o"
                + " where o.sent_at is null and o.next_attempt_at <= $1 and not exists (select 1 from ill_iso_outbox e"
                + "   where e.request_id = o.request_id and e.sent_at is null and e.id < o.id)"
                + " order by o.id limit 1 for update of o skip locked")
                .execute(Tuple.of(now))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row m = rows.iterator().next();
                    long id = m.getLong("id");
                    int attempts = m.getInteger("attempts") + 1;
                    return post(m.getString("address"), m.getBuffer("body"))
                            .flatMap(refusal -> conn.preparedQuery("update ill_iso_outbox set sent_at = $2, attempts = $3,"
                                    + " last_error = $4 where id = $1").execute(Tuple.of(id, now, attempts, refusal)))
                            .onFailure().recoverWithUni(e -> {
                                // the peer could not be reached or answered nonsense: try again later, waiting longer each time
                                Duration wait = Duration.ofMinutes(Math.min(60, 1L << Math.min(attempts, 6)));
                                LOG.warnf("ISO 18626 message %d to %s not delivered (attempt %d): %s", id, m.getString("address"),
                                        attempts, e.getMessage());
                                return conn.preparedQuery("update ill_iso_outbox set attempts = $2, next_attempt_at = $3,"
                                        + " last_error = $4 where id = $1").execute(Tuple.of(id, attempts, now.plus(wait),
                                                String.valueOf(e.getMessage())));
                            })
                            .replaceWith(true);
                }));
    }

    /** Posts the message; the item is null when the peer confirmed it, or the peer's refusal (errorType: errorValue). */
    private Uni<String> post(String address, Buffer body) {
        URI uri = URI.create(address);
        boolean tls = "https".equals(uri.getScheme());
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80).setSsl(tls).setURI(path)
                .putHeader("Content-Type", "application/xml; charset=UTF-8");
        return http().request(options)
                .flatMap(request -> request.send(body))
                .flatMap(response -> response.body().map(answer -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    return refusal(answer.getBytes());
                }))
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException("no answer within " + timeout.toMillis() + " ms"));
    }

    /** Null for an OK confirmation, the error for an ERROR one. */
    static String refusal(byte[] confirmation) {
        Document doc;
        try {
            doc = IsoXml.parse(confirmation);
        } catch (IsoError e) {
            throw new IllegalStateException("the peer's confirmation is not XML: " + e.value());
        }
        NodeList status = doc.getElementsByTagNameNS("*", "messageStatus");
        if (status.getLength() == 0) {
            throw new IllegalStateException("the peer's answer is not an ISO 18626 confirmation");
        }
        if ("OK".equals(status.item(0).getTextContent().strip())) {
            return null;
        }
        NodeList type = doc.getElementsByTagNameNS("*", "errorType");
        NodeList value = doc.getElementsByTagNameNS("*", "errorValue");
        return "refused: " + (type.getLength() == 0 ? "ERROR" : type.item(0).getTextContent().strip())
                + (value.getLength() == 0 ? "" : ": " + value.item(0).getTextContent().strip());
    }

    private HttpClient http() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis()));
                }
            }
        }
        return client;
    }
}
