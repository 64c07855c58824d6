package org.consortiumhub.hub.problem;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Refuses JSON bodies larger than {@code hub.api.max-json-body} before they are read, with a problem document
 * that says the limit. (Bulk uploads such as catalog batches, and COUNTER usage reports, which are JSON but run to
 * megabytes, have the larger limit of every request body.)
 */
public class BodySizeLimit {

    /** COUNTER usage reports: JSON, and often megabytes long. */
    private static final String BULK_JSON = "/api/v1/usage/";

    @ConfigProperty(name = "hub.api.max-json-body")
    MemorySize maxJsonBody;

    @ServerRequestFilter(preMatching = true)
    public Response limitJsonBodies(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !type.getSubtype().endsWith("json") || request.getUriInfo().getPath().startsWith(BULK_JSON)) {
            return null;
        }
        int length = request.getLength();
        long limit = maxJsonBody.asLongValue();
        if (length > limit) {
            return ProblemResponses.respond(413, "Request body too large",
                    "the JSON body has " + length + " bytes; this call accepts at most " + limit + " bytes", List.of());
        }
        return null;
    }
}
