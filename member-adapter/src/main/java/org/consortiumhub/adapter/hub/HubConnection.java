package org.consortiumhub.adapter.hub;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.consortiumhub.adapter.hub.HubConnectionException.Reason;
import org.consortiumhub.api.client.AccessApi;
import org.consortiumhub.api.client.ApiException;
import org.consortiumhub.api.client.model.BatchReport;
import org.consortiumhub.api.client.model.Caller;
import org.consortiumhub.api.client.model.CallerKind;
import org.consortiumhub.api.client.model.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/**
 * The adapter's line to the hub: the generated REST client, authenticated with this library's API key, with every
 * way a call can fail turned into a {@link HubConnectionException} a systems librarian can act on.
 */
public class HubConnection implements AutoCloseable {

    private final HubSettings settings;
    private final AccessApi access;
    private final CatalogWrites catalog;

    public HubConnection(HubSettings settings) {
        this.settings = settings;
        this.access = QuarkusRestClientBuilder.newBuilder()
                .baseUri(settings.hubUrl())
                // Each call is bounded as a whole in call(); this only stops a connection attempt outliving it.
                .connectTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new ApiKeyAuthentication(settings.apiKey()))
                .build(AccessApi.class);
        this.catalog = QuarkusRestClientBuilder.newBuilder()
                .baseUri(settings.hubUrl())
                .connectTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new ApiKeyAuthentication(settings.apiKey()))
                .build(CatalogWrites.class);
    }

    /**
     * Sends one batch of records (ISO 2709 or MARCXML, as the file holds) and returns the hub's report on each. The
     * hub stores a batch atomically and a replay changes nothing, so a batch whose answer was lost may be sent again.
     */
    public BatchReport ingest(File batch, Duration timeout) throws HubConnectionException {
        return call(() -> catalog.ingestRecords(batch), timeout);
    }

    /** Withdraws one of the member's records; false when the hub did not have it (already withdrawn). */
    public boolean withdraw(String localId) throws HubConnectionException {
        try {
            call(() -> catalog.deleteRecord(localId), settings.timeout());
            return true;
        } catch (HubConnectionException e) {
            if (e.status() == Response.Status.NOT_FOUND.getStatusCode()) {
                return false;
            }
            throw e;
        }
    }

    /** Asks the hub who these credentials belong to; only an adapter key of a member library passes. */
    public AdapterIdentity identify() throws HubConnectionException {
        Caller caller = call(access::getCaller);
        if (caller.getKind() != CallerKind.ADAPTER) {
            throw new HubConnectionException(Reason.KEY_NOT_ACCEPTED,
                    "The hub knows these credentials as staff user '" + caller.getUsername()
                            + "', not as a member adapter: set " + HubSettings.API_KEY
                            + " to the API key the hub admin issued for this library's adapter.");
        }
        return new AdapterIdentity(caller.getMemberCode(), caller.getApiKeyId());
    }

    /** Waits for one call, no longer than the configured timeout, and explains any failure. */
    private <T> T call(HubRequest<T> request) throws HubConnectionException {
        return call(request, settings.timeout());
    }

    private <T> T call(HubRequest<T> request, Duration timeout) throws HubConnectionException {
        try {
            return request.send().await().atMost(timeout);
        } catch (ApiException | RuntimeException failure) {
            throw explain(failure, timeout);
        }
    }

    /** One call of the generated client, which declares the hub's error answers as a checked exception. */
    @FunctionalInterface
    private interface HubRequest<T> {
        Uni<T> send() throws ApiException;
    }

    private HubConnectionException explain(Exception failure, Duration timeout) {
        // The client's error answers and I/O failures arrive wrapped in the Uni's failure, so look down the chain.
        Optional<ApiException> errorAnswer = find(failure, ApiException.class);
        if (errorAnswer.isPresent()) {
            return errorAnswer(errorAnswer.get().getResponse());
        }
        if (failure instanceof TimeoutException) {
            return unreachable("no answer within " + readable(timeout) + " (" + HubSettings.TIMEOUT + ")",
                    failure);
        }
        Throwable root = rootCause(failure);
        // Something answered, but not with what the hub sends: most likely the URL points at another web server.
        if (find(failure, JsonProcessingException.class).isPresent() || root instanceof ProcessingException) {
            return new HubConnectionException(Reason.HUB_ERROR, "The server at " + settings.hubUrl()
                    + " answered, but not as the hub does (" + root.getMessage() + "): check " + HubSettings.URL + ".",
                    failure);
        }
        if (root instanceof UnknownHostException) {
            return unreachable("unknown host " + settings.hubUrl().getHost(), failure);
        }
        return unreachable(root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName(), failure);
    }

    private HubConnectionException unreachable(String reason, Throwable failure) {
        return new HubConnectionException(Reason.HUB_UNREACHABLE,
                "Cannot reach the hub at " + settings.hubUrl() + ": " + reason, failure);
    }

    private HubConnectionException errorAnswer(Response response) {
        int status = response.getStatus();
        if (status == Response.Status.UNAUTHORIZED.getStatusCode()) {
            return new HubConnectionException(Reason.KEY_NOT_ACCEPTED,
                    "The hub did not accept the API key (401): check " + HubSettings.API_KEY + ", "
                            + "or ask the hub admin whether it was revoked.");
        }
        String explanation = problemOf(response)
                .map(problem -> problem.getDetail() != null ? problem.getDetail() : problem.getTitle())
                .map(text -> ": " + text)
                .orElse(".");
        return new HubConnectionException(Reason.HUB_ERROR, status,
                "The hub at " + settings.hubUrl() + " answered with an error (HTTP " + status + ")" + explanation);
    }

    /** The hub explains its errors as problem+json; a proxy's error page in front of it does not. */
    private static Optional<Problem> problemOf(Response response) {
        try {
            return Optional.ofNullable(response.readEntity(Problem.class));
        } catch (ProcessingException notAProblem) {
            return Optional.empty();
        }
    }

    private static <E extends Throwable> Optional<E> find(Throwable failure, Class<E> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    private static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    @Override
    public void close() {
        try {
            // MicroProfile REST clients are Closeable; closing frees the connection pool.
            ((Closeable) access).close();
            ((Closeable) catalog).close();
        } catch (IOException e) {
            throw new IllegalStateException("Could not close the connection to the hub", e);
        }
    }
}
