package org.consortiumhub.hub.preservation;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.consortiumhub.api.model.AllocationSuggestion;
import org.consortiumhub.api.model.CommitmentDeprecation;
import org.consortiumhub.api.model.CommitmentImport;
import org.consortiumhub.api.model.CommitmentStatus;
import org.consortiumhub.api.model.NewRetentionCommitment;
import org.consortiumhub.api.model.NewRetentionProgram;
import org.consortiumhub.api.model.RetentionAlert;
import org.consortiumhub.api.model.RetentionAlertKind;
import org.consortiumhub.api.model.RetentionCommitment;
import org.consortiumhub.api.model.RetentionProgram;
import org.consortiumhub.catalog.marc.ControlField;
import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.MarcXml;
import org.consortiumhub.catalog.marc.Subfield;
import org.consortiumhub.catalog.store.StoredMarc;
import org.consortiumhub.hub.access.AccessPolicy;
import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.hub.catalog.CatalogHoldings;
import org.consortiumhub.hub.problem.FieldChecks;
import org.consortiumhub.hub.problem.FieldProblem;
import org.consortiumhub.hub.membership.MemberService;
import org.consortiumhub.hub.problem.ProblemException;
import org.consortiumhub.hub.problem.UniqueViolation;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Shared print retention: programs, members' commitments (recorded one by one, from CSV, or read from the 583 fields
 * of their ingested records), their export as CSV and MARC 583, alerts and allocation suggestions.
 *
 * <p>A commitment names the member's record (its 001), not only the cluster: clusters merge and split, records
 * keep their identity. Whether a committed copy is still there is decided by comparing commitments with the
 * catalog's records when asked, rather than by a hook in the ingest's delete path: it sees every way a record can
 * go (a delete call, a leader/05 {@code d}, a replaced batch), needs nothing from the ingest, and cannot miss an
 * event on another replica.
 */
@ApplicationScoped
public class RetentionService {

    static final String[] CSV_COLUMNS = { "member", "local_id", "cluster_id", "materials", "link", "start", "end", "end_raw",
            "validation_level", "condition", "status", "deprecation_reason", "replaced_by" };
    private static final int IMPORT_PAGE = 500;
    private static final int MAX_PROBLEMS = 20;

    private static final String COMMITMENT = "select rc.*, m.code, coalesce(r.cluster_id, rc.cluster_id) as current_cluster,"
            + " r.id is not null as record_present from retention_commitment rc join member_library m on m.id = rc.member_id"
            + " left join catalog_record r on r.member_id = rc.member_id and r.local_id = rc.local_id";

    @Inject
    Pool pool;

    @Inject
    CatalogHoldings catalog;

    // ------------------------------------------------------------------------------------------------ programs

    public Uni<RetentionProgram> createProgram(Caller caller, NewRetentionProgram p) {
        AccessPolicy.manageAlliance(caller, "start retention programs");
        new FieldChecks().require(!p.getName().isBlank(), "name", "must not be blank").throwIfAny();
        return pool.preparedQuery("insert into retention_program (name, description, target_copies, default_term_years,"
                + " created_by, created_at) values ($1, $2, $3, $4, $5, $6) returning *")
                .execute(Tuple.from(new Object[] { p.getName().strip(), blankToNull(p.getDescription()), p.getTargetCopies(),
                        p.getDefaultTermYears(), caller.name(), now() }))
                .map(rows -> program(rows.iterator().next()))
                .onFailure(UniqueViolation::isCauseOf).transform(e -> ProblemException.conflict("name",
                        "name: a retention program called '" + p.getName().strip() + "' exists already"));
    }

    public Uni<List<RetentionProgram>> programs(Caller caller) {
        AccessPolicy.allianceReadScope(caller, "retention programs");
        return pool.query("select * from retention_program order by lower(name)").execute().map(rows -> {
            List<RetentionProgram> list = new ArrayList<>();
            rows.forEach(r -> list.add(program(r)));
            return list;
        });
    }

    // ------------------------------------------------------------------------------------------------ commitments

    public Uni<List<RetentionCommitment>> commitments(Caller caller, long programId, String member, CommitmentStatus status) {
        String scope = AccessPolicy.allianceReadScope(caller, "retention commitments");
        if (scope != null && member != null && !scope.equalsIgnoreCase(member)) {
            throw ProblemException.forbidden(caller.describe() + " may not read the commitments of member " + member);
        }
        String only = scope != null ? scope : member;
        return requireProgram(pool, programId).flatMap(program -> pool.preparedQuery(COMMITMENT
                + " where rc.program_id = $1 and ($2::text is null or lower(m.code) = lower($2))"
                + " and ($3::text is null or rc.status = $3) order by m.code, rc.local_id, rc.id")
                .execute(Tuple.of(programId, only, status == null ? null : status.name()))
                .map(rows -> {
                    List<RetentionCommitment> list = new ArrayList<>();
                    rows.forEach(r -> list.add(commitment(r)));
                    return list;
                }));
    }

    public Uni<RetentionCommitment> createCommitment(Caller caller, long programId, NewRetentionCommitment c) {
        AccessPolicy.recordForMember(caller, c.getMemberCode(), "record retention commitments");
        return requireProgram(pool, programId).flatMap(program -> record(pool, c.getMemberCode(), c.getLocalId(), "localId")
                .flatMap(record -> {
                    LocalDate start = c.getStartDate() == null ? LocalDate.now(ZoneOffset.UTC) : c.getStartDate();
                    Integer term = program.getInteger("default_term_years");
                    LocalDate end = c.getEndDate() != null ? c.getEndDate()
                            : term == null ? null : start.plusYears(term).minusDays(1);
                    if (end != null && end.isBefore(start)) {
                        throw ProblemException.invalid("endDate", "must not be before the start (" + start + ")");
                    }
                    String endRaw = end == null ? "in perpetuity" : RetentionNote.marcDate(end);
                    RetentionNote note = new RetentionNote(blankToNull(c.getMaterials()), RetentionNote.marcDate(start), endRaw,
                            List.of(program.getString("name")), blankToNull(c.getValidationLevel()),
                            blankToNull(c.getCondition()), blankToNull(c.getPublicNote()), null, null, null, null, null);
                    return upsert(pool, programId, Copy.of(record), note, "API", caller.name())
                            .flatMap(result -> {
                                if (!result.created()) {
                                    throw ProblemException.conflict(null, "member " + record.getString("code")
                                            + " has committed record " + c.getLocalId() + " to this program already (commitment "
                                            + result.id() + ")");
                                }
                                return loadCommitment(pool, result.id());
                            });
                }));
    }

    public Uni<RetentionCommitment> deprecate(Caller caller, long id, CommitmentDeprecation d) {
        return pool.withTransaction(conn -> loadRow(conn, id).flatMap(row -> {
            AccessPolicy.recordForMember(caller, row.getString("code"), "deprecate retention commitments");
            if (!"ACTIVE".equals(row.getString("status"))) {
                throw ProblemException.conflict(null, "commitment " + id + " is " + row.getString("status") + " already");
            }
            if (d.getReplacedBy() != null && d.getReplacedBy() == id) {
                throw ProblemException.invalid("replacedBy", "a commitment cannot replace itself");
            }
            Uni<Void> replacement = d.getReplacedBy() == null ? Uni.createFrom().voidItem()
                    : conn.preparedQuery("select program_id from retention_commitment where id = $1")
                            .execute(Tuple.of(d.getReplacedBy())).map(rows -> {
                                if (rows.size() == 0) {
                                    throw ProblemException.invalid("replacedBy", "there is no commitment " + d.getReplacedBy());
                                }
                                return null;
                            });
            return replacement.flatMap(x -> conn.preparedQuery("update retention_commitment set status = 'DEPRECATED',"
                    + " deprecation_reason = $2, replaced_by = $3, updated_at = $4 where id = $1")
                    .execute(Tuple.of(id, d.getReason().strip(), d.getReplacedBy(), now())));
        })).flatMap(x -> loadCommitment(pool, id));
    }

    // ------------------------------------------------------------------------------------------------ 583 import

    public Uni<CommitmentImport> importFrom583(Caller caller, long programId, String member, boolean anyAuthorization) {
        AccessPolicy.recordForMember(caller, member, "record retention commitments");
        return requireProgram(pool, programId).flatMap(program -> MemberService.row(pool, member).flatMap(m -> {
            String programName = program.getString("name").strip().toLowerCase(Locale.ROOT);
            ImportTally tally = new ImportTally();
            List<Object[]> found = new ArrayList<>();
            return readPage(m.getLong("id"), 0L, programName, anyAuthorization, tally, found)
                    .flatMap(x -> pool.withTransaction(conn -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (Object[] f : found) {
                            Copy record = (Copy) f[0];
                            RetentionNote note = (RetentionNote) f[1];
                            chain = chain.flatMap(y -> upsert(conn, programId, record, note, "MARC583", caller.name())
                                    .invoke(r -> tally.count(r.created())).replaceWithVoid());
                        }
                        return chain;
                    }))
                    .map(x -> new CommitmentImport().recordsRead(tally.read).created(tally.created).updated(tally.updated)
                            .skipped(tally.skipped).problems(tally.problems));
        }));
    }

    private static final class ImportTally {
        int read;
        int created;
        int updated;
        int skipped;
        final List<String> problems = new ArrayList<>();

        void count(boolean wasCreated) {
            if (wasCreated) {
                created++;
            } else {
                updated++;
            }
        }
    }

    /** Reads the member's records a page at a time (by id), decoding their MARC off the event loop. */
    private Uni<Void> readPage(long memberId, long after, String programName, boolean anyAuthorization, ImportTally tally,
            List<Object[]> found) {
        return pool.preparedQuery("select r.id, r.local_id, r.cluster_id, r.marc, r.member_id, m.code from catalog_record r"
                + " join member_library m on m.id = r.member_id where r.member_id = $1 and r.id > $2 order by r.id limit $3")
                .execute(Tuple.of(memberId, after, IMPORT_PAGE))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(rows -> {
                    long last = after;
                    for (Row r : rows) {
                        last = r.getLong("id");
                        tally.read++;
                        MarcRecord marc;
                        try {
                            marc = StoredMarc.unpack(r.getBuffer("marc").getBytes());
                        } catch (RuntimeException damaged) {
                            if (tally.problems.size() < MAX_PROBLEMS) {
                                tally.problems.add("record " + r.getString("local_id") + ": " + damaged.getMessage());
                            }
                            continue;
                        }
                        for (DataField field : marc.fields("583")) {
                            RetentionNote.fromField(field).ifPresent(note -> {
                                boolean ours = anyAuthorization || note.authorizations().stream()
                                        .anyMatch(a -> a.strip().toLowerCase(Locale.ROOT).equals(programName));
                                if (ours) {
                                    found.add(new Object[] { Copy.of(r), note });
                                } else {
                                    tally.skipped++;
                                }
                            });
                        }
                    }
                    if (rows.size() < IMPORT_PAGE) {
                        return Uni.createFrom().voidItem();
                    }
                    return readPage(memberId, last, programName, anyAuthorization, tally, found);
                });
    }

    private record Upserted(long id, boolean created) {
    }

    /** A member's copy as the catalog has it: the record (member, 001) and its cluster now. */
    private record Copy(long memberId, String localId, long clusterId) {
        static Copy of(Row r) {
            return new Copy(r.getLong("member_id"), r.getString("local_id"), r.getLong("cluster_id"));
        }
    }

    /** Records the note as the member's commitment, or updates the one recorded for the same copy and holding. */
    private static Uni<Upserted> upsert(SqlClient client, long programId, Copy record, RetentionNote note, String source,
            String by) {
        LocalDate end = RetentionNote.dateOf(note.actionInterval(), true);
        OffsetDateTime at = now();
        return client.preparedQuery("insert into retention_commitment (program_id, member_id, local_id, cluster_id, materials,"
                + " start_date, start_raw, end_date, end_raw, authorizations, validation_level, condition, public_note,"
                + " nonpublic_note, uri, source_of_term, institution, link, status, source, created_by, created_at, updated_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'ACTIVE', $19, $20,"
                + " $21, $21) on conflict (program_id, member_id, local_id, coalesce(materials, ''), coalesce(link, ''))"
                + " do update set cluster_id = excluded.cluster_id, start_date = excluded.start_date,"
                + " start_raw = excluded.start_raw, end_date = excluded.end_date, end_raw = excluded.end_raw,"
                + " authorizations = excluded.authorizations, validation_level = excluded.validation_level,"
                + " condition = excluded.condition, public_note = excluded.public_note,"
                + " nonpublic_note = excluded.nonpublic_note, uri = excluded.uri, source_of_term = excluded.source_of_term,"
                + " institution = excluded.institution, updated_at = excluded.updated_at"
                + " where " + ("API".equals(source) ? "false" : "true")
                + " returning id, (xmax = 0) as created")
                .execute(Tuple.from(new Object[] { programId, record.memberId(), record.localId(),
                        record.clusterId(), note.materials(), RetentionNote.dateOf(note.actionDate(), false),
                        note.actionDate(), end, note.actionInterval(), note.authorizations().toArray(String[]::new),
                        note.validationLevel(), note.condition(), note.publicNote(), note.nonpublicNote(), note.uri(),
                        note.sourceOfTerm(), note.institution(), note.link(), source, by, at }))
                .flatMap(rows -> {
                    if (rows.size() > 0) {
                        Row r = rows.iterator().next();
                        return Uni.createFrom().item(new Upserted(r.getLong("id"), r.getBoolean("created")));
                    }
                    // An API call for a copy already committed changes nothing: find the commitment to name it.
                    return client.preparedQuery("select id from retention_commitment where program_id = $1 and member_id = $2"
                            + " and local_id = $3 and coalesce(materials, '') = coalesce($4, '') and link is null")
                            .execute(Tuple.of(programId, record.memberId(), record.localId(), note.materials()))
                            .map(existing -> new Upserted(existing.iterator().next().getLong(0), false));
                });
    }

    // ------------------------------------------------------------------------------------------------ CSV

    public Uni<String> exportCsv(Caller caller, long programId) {
        return commitments(caller, programId, null, null).map(list -> {
            StringWriter out = new StringWriter();
            try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS).build())) {
                for (RetentionCommitment c : list) {
                    csv.printRecord(c.getMemberCode(), c.getLocalId(), c.getClusterId(), c.getMaterials(), c.getLink(), c.getStartDate(),
                            c.getEndDate(), c.getEndRaw(), c.getValidationLevel(), c.getCondition(), c.getStatus(),
                            c.getDeprecationReason(), c.getReplacedBy());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        });
    }

    /** One CSV row, checked. */
    private record CsvCommitment(int line, String member, String localId, String materials, String link, LocalDate start,
            String startRaw,
            LocalDate end, String endRaw, String validationLevel, String condition, String status, String reason) {
    }

    public Uni<CommitmentImport> importCsv(Caller caller, long programId, String body) {
        List<CsvCommitment> rows = readCsv(body);
        for (CsvCommitment row : rows) {
            AccessPolicy.recordForMember(caller, row.member(), "record retention commitments (line " + row.line() + ")");
        }
        return requireProgram(pool, programId).flatMap(program -> pool.withTransaction(conn -> {
            ImportTally tally = new ImportTally();
            List<FieldProblem> problems = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (CsvCommitment row : rows) {
                chain = chain.flatMap(x -> conn.preparedQuery("select r.local_id, r.cluster_id, r.member_id, m.code"
                        + " from catalog_record r join member_library m on m.id = r.member_id"
                        + " where lower(m.code) = lower($1) and r.local_id = $2").execute(Tuple.of(row.member(), row.localId()))
                        .flatMap(found -> {
                            tally.read++;
                            if (found.size() == 0) {
                                problems.add(new FieldProblem("body", "line " + row.line() + ": member " + row.member()
                                        + " has no record '" + row.localId() + "' in the union catalog"));
                                return Uni.createFrom().voidItem();
                            }
                            RetentionNote note = new RetentionNote(row.materials(), row.startRaw(), row.endRaw(),
                                    List.of(program.getString("name")), row.validationLevel(), row.condition(), null, null, null,
                                    null, null, row.link());
                            return upsert(conn, programId, Copy.of(found.iterator().next()), note, "CSV", caller.name())
                                    .flatMap(u -> {
                                        tally.count(u.created());
                                        return conn.preparedQuery("update retention_commitment set status = $2,"
                                                + " deprecation_reason = $3 where id = $1")
                                                .execute(Tuple.of(u.id(), row.status(), row.reason())).replaceWithVoid();
                                    });
                        }));
            }
            return chain.map(x -> {
                if (!problems.isEmpty()) {
                    // Thrown inside the transaction, so nothing of the file is recorded.
                    throw ProblemException.invalid(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
                }
                return new CommitmentImport().recordsRead(tally.read).created(tally.created).updated(tally.updated)
                        .skipped(0).problems(List.of());
            });
        }));
    }

    static List<CsvCommitment> readCsv(String body) {
        List<FieldProblem> problems = new ArrayList<>();
        List<CsvCommitment> rows = new ArrayList<>();
        String text = body != null && !body.isEmpty() && body.charAt(0) == '\uFEFF' ? body.substring(1) : body;
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("body", "the CSV is empty; send a header row (" + String.join(",", CSV_COLUMNS)
                    + ") and a commitment a row");
        }
        try (CSVParser csv = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).build())) {
            Map<String, Integer> header = new HashMap<>();
            csv.getHeaderMap().forEach((k, v) -> header.put(k.toLowerCase(Locale.ROOT), v));
            for (String required : new String[] { "member", "local_id" }) {
                if (!header.containsKey(required)) {
                    throw ProblemException.invalid("body", "line 1: the header has no " + required + " column (expected "
                            + String.join(",", CSV_COLUMNS) + ")");
                }
            }
            for (CSVRecord r : csv) {
                int line = (int) r.getRecordNumber() + 1;
                String member = cell(r, header, "member");
                String localId = cell(r, header, "local_id");
                String startText = cell(r, header, "start");
                String endText = cell(r, header, "end");
                String endRaw = cell(r, header, "end_raw");
                String status = cell(r, header, "status") == null ? "ACTIVE" : cell(r, header, "status").toUpperCase(Locale.ROOT);
                String reason = cell(r, header, "deprecation_reason");
                List<String> wrong = new ArrayList<>();
                if (member == null) {
                    wrong.add("member is empty");
                }
                if (localId == null) {
                    wrong.add("local_id is empty");
                }
                LocalDate start = date(startText, false, "start", wrong);
                LocalDate end = date(endText, true, "end", wrong);
                if (!Arrays.asList("ACTIVE", "DEPRECATED", "ENDED").contains(status)) {
                    wrong.add("status '" + status + "' is not ACTIVE, DEPRECATED or ENDED");
                } else if (status.equals("DEPRECATED") != (reason != null)) {
                    wrong.add(reason == null ? "a DEPRECATED commitment needs a deprecation_reason"
                            : "only a DEPRECATED commitment has a deprecation_reason");
                }
                if (start != null && end != null && end.isBefore(start)) {
                    wrong.add("end " + end + " is before start " + start);
                }
                if (!wrong.isEmpty()) {
                    wrong.forEach(w -> problems.add(new FieldProblem("body", "line " + line + ": " + w)));
                    continue;
                }
                rows.add(new CsvCommitment(line, member, localId, cell(r, header, "materials"), cell(r, header, "link"), start,
                        start == null ? null : RetentionNote.marcDate(start), end,
                        endRaw != null ? endRaw : end == null ? "in perpetuity" : RetentionNote.marcDate(end),
                        cell(r, header, "validation_level"), cell(r, header, "condition"), status, reason));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw ProblemException.invalid("body", "the CSV cannot be read: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
        }
        if (rows.isEmpty()) {
            throw ProblemException.invalid("body", "the CSV has a header but no commitments");
        }
        return rows;
    }

    private static LocalDate date(String text, boolean end, String column, List<String> wrong) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notIso) {
            LocalDate d = RetentionNote.dateOf(text, end);
            if (d == null) {
                wrong.add(column + " '" + text + "' is not a date (yyyy-mm-dd or yyyymmdd)");
            }
            return d;
        }
    }

    private static String cell(CSVRecord r, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        if (i == null || i >= r.size()) {
            return null;
        }
        String v = r.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    // ------------------------------------------------------------------------------------------------ MARC export

    public Uni<String> exportMarc(Caller caller, long programId, String member) {
        return commitments(caller, programId, member, null).flatMap(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(collection(List.of()));
            }
            return pool.preparedQuery(COMMITMENT + " where rc.program_id = $1 and rc.id = any($2) order by m.code, rc.local_id, rc.id")
                    .execute(Tuple.of(programId, list.stream().map(RetentionCommitment::getId).toArray(Long[]::new)))
                    .flatMap(rows -> {
                        Map<String, List<Row>> byRecord = new LinkedHashMap<>();
                        rows.forEach(r -> byRecord.computeIfAbsent(r.getString("code") + '\u0000' + r.getString("local_id"),
                                k -> new ArrayList<>()).add(r));
                        return titles(byRecord).map(titles -> {
                            List<MarcRecord> records = new ArrayList<>();
                            byRecord.forEach((key, commitments) -> {
                                Row first = commitments.get(0);
                                List<DataField> fields = new ArrayList<>();
                                String title = titles.get(key);
                                if (title != null) {
                                    fields.add(new DataField("245", '0', '0', List.of(new Subfield('a', title))));
                                }
                                commitments.forEach(c -> fields.add(note(c).toField()));
                                records.add(new MarcRecord("00000nam a2200000 a 4500",
                                        List.of(new ControlField("001", first.getString("local_id")),
                                                new ControlField("003", first.getString("code"))), fields));
                            });
                            return collection(records);
                        });
                    });
        });
    }

    private Uni<Map<String, String>> titles(Map<String, List<Row>> byRecord) {
        List<String> members = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        byRecord.values().forEach(list -> {
            members.add(list.get(0).getString("code"));
            ids.add(list.get(0).getString("local_id"));
        });
        return pool.preparedQuery("select m.code, r.local_id, r.title from unnest($1::text[], $2::text[]) as k(code, local_id)"
                + " join member_library m on m.code = k.code join catalog_record r on r.member_id = m.id and r.local_id = k.local_id")
                .execute(Tuple.of(members.toArray(String[]::new), ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> titles = new HashMap<>();
                    rows.forEach(r -> titles.put(r.getString(0) + '\u0000' + r.getString(1), r.getString(2)));
                    return titles;
                });
    }

    /** The commitment as its 583: every stored subfield, a deprecation as a staff note. */
    static RetentionNote note(Row c) {
        String nonpublic = c.getString("nonpublic_note");
        if ("DEPRECATED".equals(c.getString("status"))) {
            nonpublic = "retention deprecated: " + c.getString("deprecation_reason")
                    + (c.getLong("replaced_by") == null ? "" : " (replaced by commitment " + c.getLong("replaced_by") + ")");
        }
        String[] authorizations = c.getArrayOfStrings("authorizations");
        return new RetentionNote(c.getString("materials"), c.getString("start_raw"), c.getString("end_raw"),
                authorizations == null ? List.of() : List.of(authorizations), c.getString("validation_level"),
                c.getString("condition"), c.getString("public_note"), nonpublic, c.getString("uri"),
                c.getString("source_of_term"), c.getString("institution"), c.getString("link"));
    }

    private static String collection(List<MarcRecord> records) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"")
                .append(MarcXml.NAMESPACE).append("\">\n");
        records.forEach(r -> xml.append(MarcXml.write(r)).append('\n'));
        return xml.append("</collection>\n").toString();
    }

    // ------------------------------------------------------------------------------------------------ alerts and allocation

    public Uni<List<RetentionAlert>> alerts(Caller caller, int withinMonths) {
        String scope = AccessPolicy.allianceReadScope(caller, "retention alerts");
        return alerts(scope, withinMonths);
    }

    /** Withdrawn committed copies and commitments ending within the months, of one member (or all for null). */
    public Uni<List<RetentionAlert>> alerts(String member, int withinMonths) {
        if (withinMonths < 0 || withinMonths > 600) {
            throw ProblemException.invalid("withinMonths", "must be between 0 and 600");
        }
        String scope = member;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return pool.preparedQuery("select rc.id, rc.program_id, p.name, m.code, rc.local_id, rc.cluster_id, rc.end_date,"
                + " case when r.id is null then 'WITHDRAWN' else 'ENDING' end as kind, r.cluster_id as current_cluster"
                + " from retention_commitment rc join retention_program p on p.id = rc.program_id"
                + " join member_library m on m.id = rc.member_id"
                + " left join catalog_record r on r.member_id = rc.member_id and r.local_id = rc.local_id"
                + " where rc.status = 'ACTIVE' and ($1::text is null or lower(m.code) = lower($1))"
                + " and (r.id is null or rc.end_date between $2 and $3)"
                + " order by kind desc, rc.end_date, m.code, rc.local_id")
                .execute(Tuple.of(scope, today, today.plusMonths(withinMonths)))
                .map(rows -> {
                    List<RetentionAlert> alerts = new ArrayList<>();
                    for (Row r : rows) {
                        Long current = r.getLong("current_cluster");
                        alerts.add(new RetentionAlert().kind(RetentionAlertKind.valueOf(r.getString("kind")))
                                .commitmentId(r.getLong("id")).programId(r.getLong("program_id"))
                                .programName(r.getString("name")).memberCode(r.getString("code"))
                                .localId(r.getString("local_id")).clusterId(current != null ? current : r.getLong("cluster_id"))
                                .endDate(r.getLocalDate("end_date")));
                    }
                    return alerts;
                });
    }

    public Uni<List<AllocationSuggestion>> suggestions(Caller caller, long programId, String member, int maxHolders, int limit) {
        AccessPolicy.manageAlliance(caller, "allocate retention");
        new FieldChecks().require(maxHolders >= 2 && maxHolders <= 1000, "maxHolders", "must be between 2 and 1000")
                .require(limit >= 1 && limit <= 1000, "limit", "must be between 1 and 1000").throwIfAny();
        return requireProgram(pool, programId).flatMap(program -> pool.preparedQuery("select c.id, c.title, c.holdings"
                + " from catalog_cluster c where cardinality(c.member_ids) between 1 and $2 - 1"
                + " and ($4::text is null or c.member_ids @> array[(select id from member_library where lower(code) = lower($4))])"
                + " and not exists (select 1 from catalog_record r join retention_commitment rc"
                + "   on rc.member_id = r.member_id and rc.local_id = r.local_id"
                + "   where r.cluster_id = c.id and rc.program_id = $1 and rc.status = 'ACTIVE')"
                + " order by cardinality(c.member_ids), c.id limit $3")
                .execute(Tuple.of(programId, maxHolders, limit, member))
                .map(rows -> {
                    List<AllocationSuggestion> list = new ArrayList<>();
                    for (Row r : rows) {
                        Object raw = r.getValue("holdings");
                        JsonArray holdings = raw instanceof JsonArray a ? a : new JsonArray(raw.toString());
                        Map<String, int[]> items = new LinkedHashMap<>();
                        for (int i = 0; i < holdings.size(); i++) {
                            JsonObject h = holdings.getJsonObject(i);
                            items.put(h.getString("member"), new int[] { h.getInteger("items"), h.getInteger("lendable") });
                        }
                        list.add(new AllocationSuggestion().clusterId(r.getLong("id")).title(r.getString("title"))
                                .holders(items.keySet().stream().sorted().toList())
                                .suggestedMember(RetentionCoverage.suggestedRetainer(items)));
                    }
                    return list;
                }));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Uni<Row> requireProgram(SqlClient client, long id) {
        return client.preparedQuery("select * from retention_program where id = $1").execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("there is no retention program " + id);
            }
            return rows.iterator().next();
        });
    }

    /** The member's record in the catalog, or a 404 naming it. */
    private static Uni<Row> record(SqlClient client, String member, String localId, String field) {
        return MemberService.row(client, member).flatMap(m -> client.preparedQuery("select r.local_id, r.cluster_id, r.member_id,"
                + " $2::text as code from catalog_record r where r.member_id = $1 and r.local_id = $3")
                .execute(Tuple.of(m.getLong("id"), m.getString("code"), localId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound(field + ": member " + m.getString("code") + " has no record '"
                                + localId + "' in the union catalog");
                    }
                    return rows.iterator().next();
                }));
    }

    private static Uni<Row> loadRow(SqlClient client, long id) {
        return client.preparedQuery(COMMITMENT + " where rc.id = $1").execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("there is no retention commitment " + id);
            }
            return rows.iterator().next();
        });
    }

    private static Uni<RetentionCommitment> loadCommitment(SqlClient client, long id) {
        return loadRow(client, id).map(RetentionService::commitment);
    }

    static RetentionProgram program(Row r) {
        return new RetentionProgram().id(r.getLong("id")).name(r.getString("name")).description(r.getString("description"))
                .targetCopies(r.getInteger("target_copies")).defaultTermYears(r.getInteger("default_term_years"))
                .createdBy(r.getString("created_by")).createdAt(r.getOffsetDateTime("created_at"));
    }

    static RetentionCommitment commitment(Row r) {
        String[] authorizations = r.getArrayOfStrings("authorizations");
        return new RetentionCommitment().id(r.getLong("id")).programId(r.getLong("program_id")).memberCode(r.getString("code"))
                .localId(r.getString("local_id")).clusterId(r.getLong("current_cluster"))
                .recordPresent(r.getBoolean("record_present")).materials(r.getString("materials"))
                .startDate(r.getLocalDate("start_date")).endDate(r.getLocalDate("end_date")).endRaw(r.getString("end_raw"))
                .validationLevel(r.getString("validation_level")).condition(r.getString("condition"))
                .authorizations(authorizations == null ? List.of() : List.of(authorizations))
                .publicNote(r.getString("public_note")).institution(r.getString("institution")).link(r.getString("link"))
                .status(CommitmentStatus.valueOf(r.getString("status"))).deprecationReason(r.getString("deprecation_reason"))
                .replacedBy(r.getLong("replaced_by"))
                .source(RetentionCommitment.SourceEnum.fromValue(r.getString("source")))
                .createdAt(r.getOffsetDateTime("created_at"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
