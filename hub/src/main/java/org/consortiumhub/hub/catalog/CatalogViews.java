package org.consortiumhub.hub.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.consortiumhub.api.model.BatchReport;
import org.consortiumhub.api.model.ClusterDetail;
import org.consortiumhub.api.model.ClusterSummary;
import org.consortiumhub.api.model.FacetValue;
import org.consortiumhub.api.model.Facets;
import org.consortiumhub.api.model.Holding;
import org.consortiumhub.api.model.ItemStatus;
import org.consortiumhub.api.model.MemberHoldings;
import org.consortiumhub.api.model.MemberRecord;
import org.consortiumhub.api.model.RecordOutcome;
import org.consortiumhub.api.model.RecordOutcomeKind;
import org.consortiumhub.api.model.SearchResults;
import org.consortiumhub.catalog.CatalogException;
import org.consortiumhub.catalog.ingest.BatchReport.Outcome;
import org.consortiumhub.catalog.marc.MarcJson;
import org.consortiumhub.catalog.marc.MarcXml;
import org.consortiumhub.catalog.match.Format;
import org.consortiumhub.catalog.match.Isbn;
import org.consortiumhub.catalog.match.Issn;
import org.consortiumhub.catalog.match.Lccn;
import org.consortiumhub.catalog.match.MatchKey;
import org.consortiumhub.catalog.match.OclcNumber;
import org.consortiumhub.catalog.search.CatalogQuery;
import org.consortiumhub.catalog.search.SearchPage;
import org.consortiumhub.catalog.search.SearchPage.ClusterHit;
import org.consortiumhub.catalog.search.SearchText;
import org.consortiumhub.catalog.store.CatalogReads.ClusterView;
import org.consortiumhub.catalog.store.CatalogReads.StoredRecord;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Maps the union catalog's results to the API's models, and the API's search parameters to a query. */
public final class CatalogViews {

    private static final String FORMATS = Arrays.stream(Format.values()).map(f -> f.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));

    private CatalogViews() {
    }

    public static BatchReport report(org.consortiumhub.catalog.ingest.BatchReport r) {
        List<RecordOutcome> records = new ArrayList<>();
        for (var o : r.outcomes()) {
            records.add(new RecordOutcome().position(o.position()).localId(o.localId())
                    .outcome(RecordOutcomeKind.valueOf(o.outcome().name())).clusterId(o.clusterId()).reason(o.reason()));
        }
        return new BatchReport().memberCode(r.memberCode()).received(r.received())
                .created(r.count(Outcome.CREATED)).updated(r.count(Outcome.UPDATED))
                .unchanged(r.count(Outcome.UNCHANGED)).deleted(r.count(Outcome.DELETED))
                .rejected(r.count(Outcome.REJECTED)).records(records);
    }

    public static MemberRecord record(StoredRecord s) {
        return new MemberRecord().memberCode(s.memberCode()).localId(s.localId()).clusterId(s.clusterId())
                .title(s.title()).author(s.author()).year(s.year()).format(s.format()).language(s.language())
                .holdings(holdings(s.holdings())).updatedAt(s.updatedAt())
                .marcJson(new JsonObject(MarcJson.write(s.marc())).getMap())
                .marcXml(MarcXml.write(s.marc()));
    }

    public static ClusterDetail cluster(ClusterView v) {
        ClusterHit h = v.summary();
        return new ClusterDetail().clusterId(h.clusterId()).title(h.title()).author(h.author()).year(h.year())
                .format(h.format()).language(h.language()).recordCount(h.recordCount())
                .holdings(h.holdings().stream().map(CatalogViews::memberHoldings).toList())
                .preferredRecord(v.preferredRecord()).identifiers(v.identifiers())
                .records(v.records().stream().map(CatalogViews::record).toList());
    }

    public static SearchResults results(SearchPage page) {
        Facets facets = new Facets()
                .format(facet(page, "format"))
                .language(facet(page, "language"))
                .decade(facet(page, "decade"))
                .member(facet(page, "member"))
                .lendable(facet(page, "lendable"));
        return new SearchResults().total(page.total()).page(page.page()).size(page.size())
                .results(page.hits().stream().map(CatalogViews::summary).toList()).facets(facets);
    }

    public static CatalogQuery query(String q, String isbn, String issn, String oclc, String lccn, String format, String language,
            Integer yearFrom, Integer yearTo, String member, Boolean lendable, int page, int size) {
        List<Long> keys = new ArrayList<>();
        identifier(keys, "isbn", isbn, MatchKey.Kind.ISBN, Isbn::normalize);
        identifier(keys, "issn", issn, MatchKey.Kind.ISSN, Issn::normalize);
        identifier(keys, "oclc", oclc, MatchKey.Kind.OCLC, OclcNumber::normalize);
        identifier(keys, "lccn", lccn, MatchKey.Kind.LCCN, Lccn::normalize);
        List<String> keywords = SearchText.tokens(q);
        // An ISBN typed into the search box is looked up as one, hyphens and all.
        String asIsbn = keys.isEmpty() && q != null && !q.isBlank() && !q.strip().contains(" ") ? Isbn.normalize(q.strip()) : null;
        if (asIsbn != null) {
            keys.add(new MatchKey(MatchKey.Kind.ISBN, asIsbn).hash());
            keywords = List.of();
        }
        String formatValue = blankToNull(format);
        if (formatValue != null && Arrays.stream(Format.values()).noneMatch(f -> f.name().equalsIgnoreCase(formatValue))) {
            throw CatalogException.invalid("format", "'" + format + "' is not a format; use one of " + FORMATS);
        }
        return new CatalogQuery(keywords, keys, formatValue == null ? null : formatValue.toLowerCase(Locale.ROOT),
                blankToNull(language) == null ? null : language.strip().toLowerCase(Locale.ROOT), yearFrom, yearTo,
                blankToNull(member), lendable, page, size);
    }

    private static void identifier(List<Long> keys, String name, String value, MatchKey.Kind kind, UnaryOperator<String> normalize) {
        if (value == null || value.isBlank()) {
            return;
        }
        String normalised = normalize.apply(value.strip());
        if (normalised == null) {
            throw CatalogException.invalid(name, "'" + value + "' is not a valid " + name.toUpperCase(Locale.ROOT));
        }
        keys.add(new MatchKey(kind, normalised).hash());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<FacetValue> facet(SearchPage page, String name) {
        return page.facets().getOrDefault(name, List.of()).stream()
                .map(f -> new FacetValue().value(f.value()).count((int) f.count())).toList();
    }

    static ClusterSummary summary(ClusterHit h) {
        return new ClusterSummary().clusterId(h.clusterId()).title(h.title()).author(h.author()).year(h.year())
                .format(h.format()).language(h.language()).recordCount(h.recordCount())
                .holdings(h.holdings().stream().map(CatalogViews::memberHoldings).toList());
    }

    private static MemberHoldings memberHoldings(SearchPage.MemberHolding m) {
        return new MemberHoldings().memberCode(m.memberCode()).items(m.items()).lendableItems(m.lendableItems());
    }

    private static List<Holding> holdings(JsonArray array) {
        List<Holding> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject h = array.getJsonObject(i);
            list.add(new Holding().location(h.getString("location")).sublocation(h.getString("sublocation"))
                    .callNumber(h.getString("callNumber")).barcode(h.getString("barcode"))
                    .enumeration(h.getString("enumeration")).summary(h.getString("summary"))
                    .status(ItemStatus.valueOf(h.getString("status"))).statusText(h.getString("statusText"))
                    .materialType(h.getString("materialType")).lendable(h.getBoolean("lendable")));
        }
        return list;
    }
}
