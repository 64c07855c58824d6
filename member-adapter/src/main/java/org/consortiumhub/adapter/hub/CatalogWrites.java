package org.consortiumhub.adapter.hub;

import java.io.File;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;

import org.consortiumhub.api.client.ApiException;
import org.consortiumhub.api.client.ApiExceptionMapper;
import org.consortiumhub.api.client.model.BatchReport;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

import io.smallrye.mutiny.Uni;

/**
 * The two catalog-writing operations of the contract's {@code CatalogApi} ({@code ingestRecords}, {@code deleteRecord}),
 * with the generated models and error mapping. The generated interface itself cannot be built by this Quarkus
 * version's REST client: its ingest operation lists five request content types, and the client refuses an interface
 * that does not name exactly one (quarkusio/quarkus#51910, resolved in a later release by taking the first). This one
 * names {@code application/octet-stream}; the hub tells ISO 2709, MARCXML and gzip apart by their first bytes.
 */
@RegisterProvider(ApiExceptionMapper.class)
@Path("/api/v1/catalog")
public interface CatalogWrites {

    @POST
    @Path("/records")
    @Consumes("application/octet-stream")
    @Produces({ "application/json", "application/problem+json" })
    Uni<BatchReport> ingestRecords(File body) throws ApiException, ProcessingException;

    @DELETE
    @Path("/records/{localId}")
    @Produces({ "application/problem+json" })
    Uni<Void> deleteRecord(@PathParam("localId") String localId) throws ApiException, ProcessingException;
}
