package org.consortiumhub.hub.catalog;

import java.io.File;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.consortiumhub.api.model.BatchReport;
import org.consortiumhub.api.model.ClusterDetail;
import org.consortiumhub.api.model.MemberRecord;
import org.consortiumhub.api.model.SearchResults;
import org.consortiumhub.api.server.CatalogApi;
import org.consortiumhub.catalog.ingest.CatalogIngest;
import org.consortiumhub.catalog.marc.MarcFormat;
import org.consortiumhub.catalog.search.CatalogQuery;
import org.consortiumhub.catalog.search.CatalogSearch;
import org.consortiumhub.catalog.store.CatalogReads;
import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.hub.problem.ProblemException;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The union catalog over the API. Adapters send and withdraw their own member's records (the API key decides the
 * member, so one member can never write another's records); every authenticated caller may search and read.
 */
@Authenticated
public class CatalogResource implements CatalogApi {

    @Inject
    CatalogIngest ingest;

    @Inject
    CatalogSearch search;

    @Inject
    CatalogReads reads;

    @Inject
    SecurityIdentity identity;

    @Inject
    Pool pool;

    @Context
    HttpHeaders headers;

    @Override
    public Uni<BatchReport> ingestRecords(File body) {
        MarcFormat hint = formatOf(headers.getMediaType());
        return adapterMember().flatMap(member -> ingest.ingest(member, body.toPath(), hint)).map(CatalogViews::report);
    }

    @Override
    public Uni<Void> deleteRecord(String localId) {
        return adapterMember().flatMap(member -> ingest.delete(member, localId)).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("this member has no record with local id '" + localId + "'");
            }
            return null;
        });
    }

    @Override
    public Uni<MemberRecord> getRecord(String memberCode, String localId) {
        return reads.record(memberCode, localId).map(CatalogViews::record);
    }

    @Override
    public Uni<ClusterDetail> getCluster(Long clusterId) {
        return reads.cluster(clusterId).map(CatalogViews::cluster);
    }

    @Override
    public Uni<SearchResults> searchCatalog(String q, String isbn, String issn, String oclc, String lccn, String format,
            String language, Integer yearFrom, Integer yearTo, String member, Boolean lendable, Integer page, Integer size) {
        CatalogQuery query = CatalogViews.query(q, isbn, issn, oclc, lccn, format, language, yearFrom, yearTo, member,
                lendable, page == null ? 1 : page, size == null ? 20 : size);
        return search.search(query).map(CatalogViews::results);
    }

    /** The member whose adapter is calling; staff may read the catalog but only adapters write it. */
    private Uni<CatalogIngest.Member> adapterMember() {
        Caller caller = Caller.of(identity);
        if (!caller.isAdapter()) {
            return Uni.createFrom().failure(ProblemException.forbidden(caller.describe()
                    + " may not write catalog records; a member's adapter sends them with its API key"));
        }
        return pool.preparedQuery("select id, code from member_library where code = $1")
                .execute(Tuple.of(caller.memberCode()))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new CatalogIngest.Member(row.getLong("id"), row.getString("code"));
                });
    }

    private static MarcFormat formatOf(MediaType type) {
        if (type == null) {
            return null;
        }
        String subtype = type.getSubtype().toLowerCase();
        if (subtype.contains("xml")) {
            return MarcFormat.MARCXML;
        }
        return subtype.equals("marc") ? MarcFormat.ISO_2709 : null;
    }

}
