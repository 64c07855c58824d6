package org.consortiumhub.catalog.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.consortiumhub.catalog.search.SearchPage.ClusterHit;
import org.consortiumhub.catalog.search.SearchPage.FacetCount;
import org.consortiumhub.catalog.search.SearchPage.MemberHolding;

/**
 * A Lucene index of the clusters, kept beside a hub replica, for what PostgreSQL's full text does slowly on
 * large results: ranking every match and counting facets over all of them. PostgreSQL stays the record of the
 * catalog; this index is a copy that {@link ClusterIndexSync} keeps up to date and can always rebuild.
 *
 * <p>Terms are indexed as the catalog folds them ({@link SearchText}), each an exact term, so a query folded the same
 * way meets them whatever the script. Title words weigh most, then author, subjects and
 * identifiers, as in the database's search vector.
 */
public final class ClusterIndex implements AutoCloseable {

    /**
     * What the index keeps of a cluster. {@code displayTerms} are the folded words of its display record with their
     * weights, as the clusters' search vectors weigh them: A the title, B the author, C the subjects; {@code
     * identifierTerms} the words of its records' identifiers that are not among them (weight D); {@code holdings}
     * what each member holds of it, in member code order.
     */
    public record ClusterDoc(long id, String title, String author, Integer year, String format, String language,
            int recordCount, List<MemberHolding> holdings, boolean lendable, Map<String, Character> displayTerms,
            Collection<String> identifierTerms) {
    }

    private static final String SEQ = "seq";
    private static final String CATALOG = "catalog";
    /**
     * How the documents are laid out; an index written in another layout is rebuilt. 2: holdings kept as one binary
     * field instead of JSON, so a hit is read without parsing.
     */
    static final String LAYOUT = "layout";
    static final String CURRENT_LAYOUT = "2";
    private static final Map<String, Float> WEIGHTS = Map.of("t", 4f, "a", 2f, "s", 1f, "i", 1f);
    private static final Sort ORDER = new Sort(SortField.FIELD_SCORE, new SortField("rc", SortField.Type.INT, true),
            new SortedNumericSortField("id", SortField.Type.LONG));

    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /**
     * Counts applied changes, and the count searchers see. Opening a new searcher writes the buffered changes as a
     * segment, and small segments cost merges: the next search opens one, not every batch the catalog writes.
     */
    private final AtomicLong applied = new AtomicLong();
    private volatile long seen;

    public ClusterIndex(Path dir) {
        try {
            directory = FSDirectory.open(dir);
            writer = new IndexWriter(directory, new IndexWriterConfig()
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setRAMBufferSizeMB(64));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("the search index in " + dir + " cannot be opened", e);
        }
    }

    /** The last catalog change the index holds, and the catalog it was built from (null when empty). */
    public long seq() {
        String seq = writer.getLiveCommitData() == null ? null : commitData().get(SEQ);
        return seq == null ? 0 : Long.parseLong(seq);
    }

    /** The catalog the index was built from, or null when it is empty or was written in another layout. */
    public String catalog() {
        Map<String, String> data = commitData();
        return CURRENT_LAYOUT.equals(data.get(LAYOUT)) ? data.get(CATALOG) : null;
    }

    private Map<String, String> commitData() {
        Map<String, String> data = new HashMap<>();
        if (writer.getLiveCommitData() != null) {
            writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return data;
    }

    /** Empties the index, to be rebuilt from the catalog. */
    public synchronized void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies clusters written and removed up to catalog change {@code seq}; the next search sees them. */
    public synchronized void apply(Collection<ClusterDoc> written, Collection<Long> removed, long seq, String catalog) {
        try {
            for (ClusterDoc doc : written) {
                writer.updateDocument(new Term("key", Long.toString(doc.id())), document(doc));
            }
            for (Long id : removed) {
                writer.deleteDocuments(new Term("key", Long.toString(id)));
            }
            writer.setLiveCommitData(Map.of(SEQ, Long.toString(seq), CATALOG, catalog, LAYOUT, CURRENT_LAYOUT).entrySet());
            applied.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the index to disk, so a restart resumes from here instead of rebuilding. */
    public synchronized void commit() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String[] TERM_FIELDS = { "t", "a", "s", "i" };

    /** The folded words as exact terms: they need no analysis, and a prefix query works on them. */
    private static void terms(Document d, ClusterDoc c) {
        c.displayTerms().forEach((term, weight) -> d.add(new StringField(TERM_FIELDS[weight - 'A'], term, Field.Store.NO)));
        c.identifierTerms().forEach(term -> d.add(new StringField("i", term, Field.Store.NO)));
    }

    private static Document document(ClusterDoc c) {
        Document d = new Document();
        d.add(new StringField("key", Long.toString(c.id()), Field.Store.NO));
        d.add(new LongField("id", c.id(), Field.Store.YES));
        d.add(new NumericDocValuesField("rc", c.recordCount()));
        terms(d, c);
        d.add(new StringField("format", c.format(), Field.Store.NO));
        d.add(new SortedDocValuesField("format", new BytesRef(c.format())));
        if (c.language() != null) {
            d.add(new StringField("language", c.language(), Field.Store.NO));
            d.add(new SortedDocValuesField("language", new BytesRef(c.language())));
        }
        if (c.year() != null) {
            d.add(new IntPoint("year", c.year()));
            d.add(new NumericDocValuesField("year", c.year()));
        }
        for (MemberHolding h : c.holdings()) {
            d.add(new StringField("member", h.memberCode(), Field.Store.NO));
            d.add(new SortedSetDocValuesField("member", new BytesRef(h.memberCode())));
        }
        String lendable = Boolean.toString(c.lendable());
        d.add(new StringField("lendable", lendable, Field.Store.NO));
        d.add(new SortedDocValuesField("lendable", new BytesRef(lendable)));
        d.add(new StoredField("title", c.title()));
        if (c.author() != null) {
            d.add(new StoredField("author", c.author()));
        }
        if (c.year() != null) {
            d.add(new StoredField("yearValue", c.year()));
        }
        d.add(new StoredField("formatValue", c.format()));
        if (c.language() != null) {
            d.add(new StoredField("languageValue", c.language()));
        }
        d.add(new StoredField("recordCount", c.recordCount()));
        d.add(new StoredField("holdings", holdings(c.holdings())));
        return d;
    }

    /** A cluster's holdings as the index stores them: per member its code, items and lendable items. */
    private static BytesRef holdings(List<MemberHolding> holdings) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            out.writeVInt(holdings.size());
            for (MemberHolding h : holdings) {
                out.writeString(h.memberCode());
                out.writeVInt(h.items());
                out.writeVInt(h.lendableItems());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BytesRef(out.toArrayCopy());
    }

    private static List<MemberHolding> holdings(BytesRef stored) {
        ByteArrayDataInput in = new ByteArrayDataInput(stored.bytes, stored.offset, stored.length);
        try {
            int n = in.readVInt();
            List<MemberHolding> holdings = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                holdings.add(new MemberHolding(in.readString(), in.readVInt(), in.readVInt()));
            }
            return holdings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a query: every keyword must occur in title, author, subjects or identifiers (the last also as a prefix);
     * filters narrow; {@code clusterIds}, when not null, restricts to those clusters (an identifier lookup).
     */
    public SearchPage search(CatalogQuery q, Collection<Long> clusterIds) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        List<String> keywords = q.keywords();
        for (int i = 0; i < keywords.size(); i++) {
            BooleanQuery.Builder anyField = new BooleanQuery.Builder();
            boolean last = i == keywords.size() - 1;
            for (Map.Entry<String, Float> f : WEIGHTS.entrySet()) {
                Term term = new Term(f.getKey(), keywords.get(i));
                anyField.add(new BoostQuery(new TermQuery(term), f.getValue()), Occur.SHOULD);
                if (last) {
                    anyField.add(new BoostQuery(new PrefixQuery(term), f.getValue() / 2), Occur.SHOULD);
                }
            }
            query.add(anyField.build(), Occur.MUST);
        }
        if (keywords.isEmpty()) {
            query.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        if (clusterIds != null) {
            query.add(LongField.newSetQuery("id", clusterIds.stream().mapToLong(Long::longValue).toArray()), Occur.FILTER);
        }
        filter(query, "format", q.format());
        filter(query, "language", q.language());
        filter(query, "member", q.memberCode());
        if (q.lendable() != null) {
            filter(query, "lendable", q.lendable().toString());
        }
        if (q.yearFrom() != null || q.yearTo() != null) {
            query.add(IntPoint.newRangeQuery("year", q.yearFrom() == null ? Integer.MIN_VALUE : q.yearFrom(),
                    q.yearTo() == null ? Integer.MAX_VALUE : q.yearTo()), Occur.FILTER);
        }
        return run(query.build(), q);
    }

    private static void filter(BooleanQuery.Builder query, String field, String value) {
        if (value != null) {
            query.add(new TermQuery(new Term(field, value)), Occur.FILTER);
        }
    }

    /** Opens a searcher that sees every change applied before this call, unless the current one does. */
    private void seeAppliedChanges() throws IOException {
        if (seen == applied.get()) {
            return;
        }
        synchronized (searchers) {
            long upTo = applied.get();
            if (seen < upTo) {
                searchers.maybeRefreshBlocking();
                seen = upTo;
            }
        }
    }

    private SearchPage run(Query query, CatalogQuery q) {
        try {
            seeAppliedChanges();
            IndexSearcher searcher = searchers.acquire();
            try {
                int wanted = q.page() * q.size();
                TopFieldCollector top = TopFieldCollector.create(ORDER, wanted, Integer.MAX_VALUE);
                Facets facets = new Facets();
                searcher.search(query, MultiCollector.wrap(top, facets));
                TopFieldDocs docs = top.topDocs();
                List<ClusterHit> hits = new ArrayList<>();
                ScoreDoc[] found = docs.scoreDocs;
                for (int i = (q.page() - 1) * q.size(); i < found.length; i++) {
                    hits.add(hit(searcher.storedFields().document(found[i].doc)));
                }
                return new SearchPage(facets.total, q.page(), q.size(), hits, facets.counts());
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClusterHit hit(Document d) {
        List<MemberHolding> members = holdings(d.getBinaryValue("holdings"));
        Number year = d.getField("yearValue") == null ? null : d.getField("yearValue").numericValue();
        return new ClusterHit(d.getField("id").numericValue().longValue(), d.get("title"), d.get("author"),
                year == null ? null : year.intValue(), d.get("formatValue"), d.get("languageValue"),
                d.getField("recordCount").numericValue().intValue(), members);
    }

    /**
     * Counts every match by format, language, decade, member and lendability, from doc values: per segment by
     * ordinal (an array increment per match), turned into values once per segment.
     */
    private static final class Facets implements Collector {
        /** Decades counted in an array, by year / 10: years 0 to 2999; any other year in a map. */
        private static final int DECADES = 300;
        long total;
        private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        private final List<Runnable> pendingSegments = new ArrayList<>();

        Facets() {
            CatalogSearch.FACETS.forEach(f -> counts.put(f, new HashMap<>()));
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedDocValues format = context.reader().getSortedDocValues("format");
            SortedDocValues language = context.reader().getSortedDocValues("language");
            SortedDocValues lendable = context.reader().getSortedDocValues("lendable");
            SortedSetDocValues member = context.reader().getSortedSetDocValues("member");
            NumericDocValues year = context.reader().getNumericDocValues("year");
            long[] formats = format == null ? null : new long[format.getValueCount()];
            long[] languages = language == null ? null : new long[language.getValueCount()];
            long[] lendables = lendable == null ? null : new long[lendable.getValueCount()];
            long[] members = member == null ? null : new long[(int) member.getValueCount()];
            long[] decades = year == null ? null : new long[DECADES];
            Map<Long, Long> otherDecades = new HashMap<>();
            pendingSegments.add(() -> {
                resolve("format", format, formats);
                resolve("language", language, languages);
                resolve("lendable", lendable, lendables);
                if (member != null) {
                    for (int ord = 0; ord < members.length; ord++) {
                        if (members[ord] > 0) {
                            add("member", lookup(member, ord), members[ord]);
                        }
                    }
                }
                if (decades != null) {
                    for (int d = 0; d < DECADES; d++) {
                        if (decades[d] > 0) {
                            add("decade", Long.toString(d * 10L), decades[d]);
                        }
                    }
                }
                otherDecades.forEach((decade, n) -> add("decade", Long.toString(decade), n));
            });
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    if (format != null && format.advanceExact(doc)) {
                        formats[format.ordValue()]++;
                    }
                    if (language != null && language.advanceExact(doc)) {
                        languages[language.ordValue()]++;
                    }
                    if (lendable != null && lendable.advanceExact(doc)) {
                        lendables[lendable.ordValue()]++;
                    }
                    if (member != null && member.advanceExact(doc)) {
                        for (int i = 0; i < member.docValueCount(); i++) {
                            members[(int) member.nextOrd()]++;
                        }
                    }
                    if (year != null && year.advanceExact(doc)) {
                        long y = year.longValue();
                        if (y >= 0 && y < DECADES * 10) {
                            decades[(int) (y / 10)]++;
                        } else {
                            otherDecades.merge(y / 10 * 10, 1L, Long::sum);
                        }
                    }
                }
            };
        }

        private void resolve(String facet, SortedDocValues values, long[] byOrd) {
            if (values == null) {
                return;
            }
            for (int ord = 0; ord < byOrd.length; ord++) {
                if (byOrd[ord] > 0) {
                    try {
                        add(facet, values.lookupOrd(ord).utf8ToString(), byOrd[ord]);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }

        private static String lookup(SortedSetDocValues values, long ord) {
            try {
                return values.lookupOrd(ord).utf8ToString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void add(String facet, String value, long n) {
            counts.get(facet).merge(value, n, Long::sum);
        }

        Map<String, List<FacetCount>> counts() {
            pendingSegments.forEach(Runnable::run);
            pendingSegments.clear();
            Map<String, List<FacetCount>> result = new LinkedHashMap<>();
            counts.forEach((facet, values) -> {
                List<FacetCount> list = new ArrayList<>();
                values.forEach((v, n) -> list.add(new FacetCount(v, n)));
                list.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.value().compareTo(b.value()));
                result.put(facet, list);
            });
            return result;
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
