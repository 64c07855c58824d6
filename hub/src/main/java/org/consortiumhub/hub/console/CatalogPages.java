package org.consortiumhub.hub.console;


import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.consortiumhub.api.model.ClusterDetail;
import org.consortiumhub.api.model.SearchResults;
import org.consortiumhub.catalog.CatalogException;
import org.consortiumhub.catalog.search.CatalogQuery;
import org.consortiumhub.catalog.search.CatalogSearch;
import org.consortiumhub.catalog.store.CatalogReads;
import org.consortiumhub.catalog.store.CatalogReads.StoredRecord;
import org.consortiumhub.hub.catalog.CatalogViews;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The union catalog in the console: search with facets, a cluster with its holdings, one member's record. */
@Path(ConsolePaths.ROOT + "/catalog")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class CatalogPages {

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance catalogSearch(Page page, CatalogSearchForm form, SearchResults results, String problem,
                int pages);

        static native TemplateInstance cluster(Page page, ClusterDetail cluster, IllPages.RequestForm request, FormErrors errors);

        static native TemplateInstance memberRecord(Page page, StoredRecord record);
    }

    @Inject
    CatalogSearch search;

    @Inject
    CatalogReads reads;

    @Inject
    SecurityIdentity identity;

    @GET
    public Uni<TemplateInstance> search(@RestQuery String q, @RestQuery String format, @RestQuery String language,
            @RestQuery String yearFrom, @RestQuery String yearTo, @RestQuery String member, @RestQuery String lendable,
            @RestQuery String page) {
        Page view = new Page("Union catalog", "catalog", ConsoleUser.of(identity));
        CatalogSearchForm form = new CatalogSearchForm(q, format, language, yearFrom, yearTo, member, lendable, wholeNumber(page, 1));
        if (form.isEmpty()) {
            return Uni.createFrom().item(Templates.catalogSearch(view, form, null, null, 0));
        }
        CatalogQuery query;
        try {
            query = CatalogViews.query(form.q(), null, null, null, null, form.format(), form.language(),
                    year("Year from", form.yearFrom()), year("Year to", form.yearTo()), form.member(),
                    form.lendableOnly() ? Boolean.TRUE : null, form.page(), CatalogSearchForm.PAGE_SIZE);
        } catch (CatalogException e) {
            return Uni.createFrom().item(Templates.catalogSearch(view, form, null, e.getMessage(), 0));
        }
        return search.search(query).map(CatalogViews::results).map(results -> Templates.catalogSearch(view, form, results,
                null, (int) Math.min(500, (results.getTotal() + CatalogSearchForm.PAGE_SIZE - 1) / CatalogSearchForm.PAGE_SIZE)));
    }

    @GET
    @Path("clusters/{clusterId}")
    public Uni<TemplateInstance> cluster(@RestPath long clusterId) {
        ConsoleUser user = ConsoleUser.of(identity);
        return reads.cluster(clusterId).map(CatalogViews::cluster).map(detail -> Templates.cluster(
                new Page(detail.getTitle(), "catalog", user), detail,
                // ILL staff borrow for their library: the cluster page offers them the request form.
                user.isIllStaff() ? IllPages.RequestForm.forCluster(detail.getClusterId(), detail.getTitle(), detail.getAuthor()) : null,
                FormErrors.NONE));
    }

    @GET
    @Path("records/{memberCode}/{localId}")
    public Uni<TemplateInstance> record(@RestPath String memberCode, @RestPath String localId) {
        return reads.record(memberCode, localId).map(record -> Templates.memberRecord(
                new Page(record.title() == null ? record.localId() : record.title(), "catalog", ConsoleUser.of(identity)),
                record));
    }

    private static Integer year(String label, String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("\\d{1,4}")) {
            throw CatalogException.invalid(label, label + ": '" + value + "' is not a year");
        }
        return Integer.valueOf(value);
    }

    private static int wholeNumber(String value, int otherwise) {
        return value != null && value.matches("\\d{1,6}") ? Integer.parseInt(value) : otherwise;
    }

}
