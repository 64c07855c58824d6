package org.consortiumhub.ill.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.ill.IllException;
import org.consortiumhub.ill.request.IllRequests;
import org.consortiumhub.ill.request.IllRequests.SideResolver;
import org.consortiumhub.ill.state.IllAction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Document delivery for copy requests: the lender uploads the PDF, which ships the copy in the same transaction; the
 * borrower gets a download link that works until the document expires or has been downloaded the allowed number of
 * times (Article Exchange's rule: 30 days or 5 downloads, both configurable). Files live in the database with their
 * SHA-256, checked on every download.
 */
@ApplicationScoped
public class DocumentDelivery {

    /** A delivered document without its content. */
    public record Stored(long requestId, String fileName, String contentType, long size, String sha256,
            OffsetDateTime uploadedAt, String uploadedBy, OffsetDateTime expiresAt, int maxDownloads, int downloads,
            boolean linkIssued) {
    }

    /** A download link's secret (shown once) and how long it works. */
    public record Link(String token, OffsetDateTime expiresAt, int downloadsLeft) {
    }

    public record Download(String fileName, String contentType, byte[] content) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    IllRequests requests;

    @ConfigProperty(name = "ill.delivery.expiry-days", defaultValue = "30")
    int expiryDays;

    @ConfigProperty(name = "ill.delivery.max-downloads", defaultValue = "5")
    int maxDownloads;

    @ConfigProperty(name = "ill.delivery.max-bytes", defaultValue = "52428800")
    long maxBytes;

    /** The lender delivers the copy: the PDF is stored and the request shipped, both or neither. */
    public Uni<Stored> upload(long requestId, String username, SideResolver sides, String fileName, byte[] content) {
        if (content == null || content.length == 0) {
            throw IllException.invalid("body", "is empty; send the PDF");
        }
        if (content.length > maxBytes) {
            throw new IllException(413, "the document is " + content.length + " bytes; the hub takes at most " + maxBytes,
                    java.util.List.of(), java.util.List.of());
        }
        if (!new String(content, 0, Math.min(5, content.length), StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw IllException.invalid("body", "is not a PDF: it does not start with %PDF-");
        }
        String name = fileName == null || fileName.isBlank() ? "request-" + requestId + ".pdf"
                : fileName.strip().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        if (name.length() > 200) {
            throw IllException.invalid("fileName", "is longer than 200 characters");
        }
        String sha256 = sha256(content);
        OffsetDateTime now = now();
        return pool.withTransaction(conn -> conn.preparedQuery("select service_type from ill_request where id = $1")
                .execute(Tuple.of(requestId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw IllException.notFound("there is no ILL request " + requestId);
                    }
                    if (!"COPY".equals(rows.iterator().next().getString("service_type"))) {
                        throw IllException.conflict("request " + requestId + " is a loan; documents are delivered for copy requests");
                    }
                    return requests.actIn(conn, requestId, username, sides, IllAction.SHIP,
                            "delivered " + name + " (" + content.length + " bytes, SHA-256 " + sha256 + ")", null, null, null);
                })
                .flatMap(ignored -> conn.preparedQuery("insert into ill_document (request_id, file_name, content_type, size,"
                        + " sha256, content, uploaded_at, uploaded_by, expires_at, max_downloads)"
                        + " values ($1, $2, 'application/pdf', $3, $4, $5, $6, $7, $8, $9)")
                        .execute(Tuple.tuple(java.util.List.of(requestId, name, (long) content.length, sha256,
                                Buffer.buffer(content).getDelegate(), now, username, now.plusDays(expiryDays), maxDownloads)))))
                .flatMap(ignored -> info(requestId));
    }

    public Uni<Stored> info(long requestId) {
        return pool.preparedQuery("select request_id, file_name, content_type, size, sha256, uploaded_at, uploaded_by,"
                + " expires_at, max_downloads, downloads, link_hash is not null as link from ill_document where request_id = $1")
                .execute(Tuple.of(requestId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw IllException.notFound("no document has been delivered for request " + requestId);
                    }
                    Row r = rows.iterator().next();
                    return new Stored(r.getLong("request_id"), r.getString("file_name"), r.getString("content_type"),
                            r.getLong("size"), r.getString("sha256"), r.getOffsetDateTime("uploaded_at"),
                            r.getString("uploaded_by"), r.getOffsetDateTime("expires_at"), r.getInteger("max_downloads"),
                            r.getInteger("downloads"), r.getBoolean("link"));
                });
    }

    /** A new download link for the borrower; an earlier link stops working. */
    public Uni<Link> link(long requestId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return info(requestId).flatMap(doc -> {
            usable(doc.expiresAt(), doc.downloads(), doc.maxDownloads());
            return pool.preparedQuery("update ill_document set link_hash = $2 where request_id = $1")
                    .execute(Tuple.of(requestId, sha256(token.getBytes(StandardCharsets.US_ASCII))))
                    .replaceWith(new Link(token, doc.expiresAt(), doc.maxDownloads() - doc.downloads()));
        });
    }

    /** The document behind a link, counted as one download; the content is checked against its checksum first. */
    public Uni<Download> download(String token) {
        String hash = sha256(token == null ? new byte[0] : token.getBytes(StandardCharsets.US_ASCII));
        return pool.withTransaction(conn -> conn.preparedQuery("select request_id, file_name, content_type, sha256, content,"
                + " expires_at, max_downloads, downloads from ill_document where link_hash = $1 for update")
                .execute(Tuple.of(hash))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw IllException.notFound("this download link is not known; ask the borrowing library for a new one");
                    }
                    Row r = rows.iterator().next();
                    usable(r.getOffsetDateTime("expires_at"), r.getInteger("downloads"), r.getInteger("max_downloads"));
                    byte[] content = r.getBuffer("content").getBytes();
                    if (!sha256(content).equals(r.getString("sha256"))) {
                        throw new IllException(500, "the stored document of request " + r.getLong("request_id")
                                + " does not match its checksum; it is not served", java.util.List.of(), java.util.List.of());
                    }
                    return conn.preparedQuery("update ill_document set downloads = downloads + 1 where request_id = $1")
                            .execute(Tuple.of(r.getLong("request_id")))
                            .replaceWith(new Download(r.getString("file_name"), r.getString("content_type"), content));
                }));
    }

    private void usable(OffsetDateTime expiresAt, int downloads, int max) {
        if (!now().isBefore(expiresAt)) {
            throw new IllException(410, "the document expired on " + expiresAt.toLocalDate(), java.util.List.of(), java.util.List.of());
        }
        if (downloads >= max) {
            throw new IllException(410, "the document has been downloaded " + downloads + " times, the most allowed",
                    java.util.List.of(), java.util.List.of());
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
