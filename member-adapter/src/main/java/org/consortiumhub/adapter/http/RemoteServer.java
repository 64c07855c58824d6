package org.consortiumhub.adapter.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * A member's own server (OAI-PMH, SRU) seen over HTTP, asked patiently: a failure that may pass (a 5xx answer, a
 * timeout, a reset connection, a body cut short) is retried with growing pauses, and a 503 or 429 with
 * {@code Retry-After} is retried after the time the server asks for. What cannot pass (a 4xx answer, an unknown host)
 * fails at once.
 */
public final class RemoteServer {

    private static final Logger LOG = Logger.getLogger(RemoteServer.class);

    /** A server asking to be left alone for longer than this is treated as down. */
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(10);

    private final String name;
    private final HttpClient http;
    private final Retrying retrying;

    /**
     * @param name what the server is for the librarian, e.g. "the OAI-PMH server"
     */
    public RemoteServer(String name, Retrying retrying) {
        this.name = name;
        this.retrying = retrying;
        this.http = HttpClient.newBuilder().connectTimeout(retrying.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** How patient to be. */
    public record Retrying(Duration timeout, int attempts, Duration firstPause, Duration longestPause) {
        public Retrying {
            if (attempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
        }
    }

    /** The body of a 200 answer to a GET. */
    public byte[] get(URI uri) throws RemoteFailure, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(retrying.timeout()).GET()
                .header("User-Agent", "consortium-hub-member-adapter").build();
        Duration pause = retrying.firstPause();
        for (int attempt = 1;; attempt++) {
            RemoteFailure failure;
            Duration wait = pause;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200) {
                    return response.body();
                }
                failure = new RemoteFailure(name + " at " + hostOf(uri) + " answered HTTP " + status, status);
                if (status < 500 && status != 429) {
                    throw failure;
                }
                Optional<Duration> asked = retryAfter(response);
                if (asked.isPresent()) {
                    wait = asked.get();
                }
            } catch (HttpTimeoutException e) {
                failure = new RemoteFailure(name + " at " + hostOf(uri) + " did not answer within "
                        + readable(retrying.timeout()), 0, e);
            } catch (ConnectException e) {
                failure = new RemoteFailure("cannot connect to " + name + " at " + hostOf(uri)
                        + " (connection refused or unreachable)", 0, e);
            } catch (IOException e) {
                if (rootCause(e) instanceof UnknownHostException) {
                    throw new RemoteFailure(name + ": unknown host " + uri.getHost() + "; check its address", 0, e);
                }
                failure = new RemoteFailure("the connection to " + name + " at " + hostOf(uri) + " failed ("
                        + describe(e) + ")", 0, e);
            }
            if (attempt >= retrying.attempts()) {
                throw failure.afterAttempts(attempt);
            }
            LOG.warnf("%s; trying again in %d ms (attempt %d of %d)", failure.getMessage(), wait.toMillis(), attempt + 1,
                    retrying.attempts());
            Thread.sleep(wait.toMillis());
            pause = min(pause.multipliedBy(2), retrying.longestPause());
        }
    }

    /** A Retry-After in seconds or as an HTTP date, at most ten minutes. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::trim).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration until = Duration.between(Instant.now(), when);
                    return Optional.of(until.isNegative() ? Duration.ZERO : until);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }).map(asked -> min(asked, LONGEST_RETRY_AFTER));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String readable(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String hostOf(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String describe(IOException e) {
        Throwable root = rootCause(e);
        String text = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return text;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
