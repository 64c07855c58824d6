package org.consortiumhub.adapter.source.oaipmh;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.consortiumhub.adapter.source.CatalogSource;
import org.consortiumhub.adapter.source.ChangeSink;
import org.consortiumhub.adapter.source.SourceChange;
import org.consortiumhub.adapter.source.SourceException;
import org.consortiumhub.catalog.marc.ControlField;
import org.consortiumhub.catalog.marc.MarcFormat;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.MarcInput;
import org.consortiumhub.catalog.marc.ReadRecord;
import org.consortiumhub.catalog.marc.ReadResult;
import org.consortiumhub.catalog.marc.RecordProblem;
import org.jboss.logging.Logger;

/**
 * Harvests a member's catalog over OAI-PMH: everything on the first run, then what changed since the last complete
 * harvest. The next harvest's {@code from} is the server's own clock at the start of this one (at the granularity it
 * declares), so a record changed while a harvest runs is harvested again next time rather than missed.
 *
 * <p>Errors mean what the protocol says: {@code noRecordsMatch} is "nothing new"; {@code badResumptionToken} (a token
 * that expired while the adapter was stopped) restarts the harvest from its from-date, which the hub's idempotent
 * ingest makes harmless; any other error stops the run with the server's explanation.
 */
public final class OaiPmhSource implements CatalogSource {

    private static final Logger LOG = Logger.getLogger(OaiPmhSource.class);
    /** A server whose tokens expire faster than the adapter can page is not harvestable; stop rather than loop. */
    private static final int MAX_RESTARTS = 3;

    private final OaiPmhSettings settings;
    private final OaiPmhServer server;

    public OaiPmhSource(OaiPmhSettings settings) {
        this.settings = settings;
        this.server = new OaiPmhServer(settings);
    }

    @Override
    public String describe() {
        return "OAI-PMH " + settings.url() + " (" + settings.metadataPrefix()
                + settings.set().map(s -> ", set " + s).orElse("") + ")";
    }

    @Override
    public String identity() {
        return "oai-pmh " + settings.url() + " " + settings.metadataPrefix() + " " + settings.set().orElse("");
    }

    @Override
    public SourceRun read(Position position, ChangeSink sink) throws SourceException, InterruptedException {
        OaiResponseParser.Identity identity = server.identify();
        String from = position.completed();
        String token = null;
        String startedAt = null;
        if (position.cursor() != null) {
            Cursor cursor = Cursor.parse(position.cursor());
            from = cursor.from();
            token = cursor.token();
            startedAt = cursor.startedAt();
        }
        int restarts = 0;
        long seen = 0;
        int pageNumber = 0;
        while (true) {
            OaiPage page;
            try {
                page = token == null ? server.listRecords(from) : server.resume(token);
            } catch (OaiError e) {
                switch (e.code()) {
                    case "noRecordsMatch" -> {
                        LOG.infof("The OAI-PMH server has no records changed since %s.", from == null ? "ever" : from);
                        return new SourceRun(nextFrom(startedAt, from, identity), false);
                    }
                    case "badResumptionToken" -> {
                        if (token == null || restarts == MAX_RESTARTS) {
                            throw new SourceException("The OAI-PMH server keeps rejecting its own resumption tokens ("
                                    + e.getMessage() + "); the harvest cannot page through its records.");
                        }
                        LOG.warnf("The OAI-PMH server no longer accepts the resumption token (%s): harvesting again "
                                + "from %s.", e.getMessage(), from == null ? "the beginning" : from);
                        restarts++;
                        token = null;
                        startedAt = null;
                        continue;
                    }
                    case "cannotDisseminateFormat" -> {
                        List<String> offered = server.metadataPrefixes();
                        throw new SourceException("The OAI-PMH server does not offer metadata prefix '"
                                + settings.metadataPrefix() + "'" + (offered.isEmpty() ? "" : " (it offers: "
                                        + String.join(", ", offered) + ")")
                                + "; set adapter.oai.metadata-prefix to its MARC format.");
                    }
                    case "noSetHierarchy" -> throw new SourceException("The OAI-PMH server has no sets, but "
                            + "adapter.oai.set is '" + settings.set().orElse("") + "'; remove the setting.");
                    default -> throw new SourceException("The OAI-PMH server answered with the error " + e.getMessage()
                            + " to " + (token == null ? "ListRecords from " + (from == null ? "the beginning" : from)
                                    : "the resumption token '" + token + "'") + ".");
                }
            }
            pageNumber++;
            if (startedAt == null) {
                startedAt = page.responseDate();
            }
            if (page.completeListSize() >= 0) {
                sink.expect(page.completeListSize());
            }
            for (OaiPage.OaiRecord record : page.records()) {
                sink.accept(change(record));
                seen++;
            }
            if (page.isLast()) {
                LOG.debugf("Harvest complete: %d records in %d pages.", seen, pageNumber);
                return new SourceRun(nextFrom(startedAt, from, identity), false);
            }
            token = page.resumptionToken();
            sink.resumePoint(new Cursor(from, token, startedAt).toString());
        }
    }

    static SourceChange change(OaiPage.OaiRecord record) {
        String where = "OAI-PMH record " + record.identifier();
        if (record.deleted()) {
            return new SourceChange.Removal(localIdOf(record.identifier()));
        }
        if (record.problem() != null) {
            return new SourceChange.Malformed(where, null, record.problem());
        }
        try (MarcInput in = MarcInput.read(new ByteArrayInputStream(record.marcXml().getBytes(StandardCharsets.UTF_8)),
                MarcFormat.MARCXML)) {
            ReadResult result = in.hasNext() ? in.next() : null;
            if (result instanceof ReadRecord read) {
                MarcRecord marc = read.record();
                if (marc.controlNumber() == null) {
                    // Some systems (SirsiDynix Symphony) carry the record number only in the OAI identifier
                    marc = withControlNumber(marc, localIdOf(record.identifier()));
                }
                if (marc.isDeleted()) {
                    return new SourceChange.Removal(marc.controlNumber());
                }
                return new SourceChange.Upsert(marc.controlNumber(), marc, read.holdings());
            }
            String reason = result instanceof RecordProblem problem ? problem.message() : "no MARC record in it";
            return new SourceChange.Malformed(where, null, reason.replaceFirst("^record 1(?: \\(001 [^)]*\\))?: ", ""));
        }
    }

    private static MarcRecord withControlNumber(MarcRecord record, String localId) {
        List<ControlField> fields = new ArrayList<>(record.controlFields().size() + 1);
        fields.add(new ControlField("001", localId));
        record.controlFields().stream().filter(f -> !f.tag().equals("001")).forEach(fields::add);
        return new MarcRecord(record.leader(), fields, record.dataFields());
    }

    /**
     * The local id (001) of a deleted record, or of a record without 001: its OAI identifier without the
     * {@code oai:repository:} prefix that ILS providers put before the record number.
     */
    static String localIdOf(String identifier) {
        if (identifier.startsWith("oai:")) {
            int last = identifier.lastIndexOf(':');
            return identifier.substring(last + 1);
        }
        return identifier;
    }

    /** The from-date of the next harvest, at the server's granularity. */
    private static String nextFrom(String startedAt, String from, OaiResponseParser.Identity identity) {
        String clock = startedAt != null ? startedAt : from;
        if (clock == null) {
            return null;
        }
        return identity.secondsGranularity() || clock.length() <= 10 ? clock : clock.substring(0, 10);
    }

    /** Where an interrupted harvest stands: its from-date, the next page's token, and when it began. */
    record Cursor(String from, String token, String startedAt) {

        @Override
        public String toString() {
            return String.join("\n", from == null ? "" : from, token, startedAt == null ? "" : startedAt);
        }

        static Cursor parse(String text) {
            String[] parts = text.split("\n", -1);
            return new Cursor(parts[0].isEmpty() ? null : parts[0], parts[1],
                    parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null);
        }
    }
}
