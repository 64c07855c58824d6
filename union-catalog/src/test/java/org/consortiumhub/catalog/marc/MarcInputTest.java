package org.consortiumhub.catalog.marc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.consortiumhub.catalog.SharedData.bytes;
import static org.consortiumhub.catalog.SharedData.readAll;
import static org.consortiumhub.catalog.SharedData.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarcInputTest {

    /**
     * Records per file, counted without this reader: ISO 2709 files by their record terminators
     * ({@code tr -cd '\035' < file | wc -c}), MARCXML by its record elements
     * ({@code grep -o '<\(marc:\)\?record[ >]' file | wc -l}), gzipped files after {@code zcat}. The problems are
     * the records each file really has wrong, shown in the tests below.
     */
    @ParameterizedTest
    @CsvSource({
        "marc/perf_2k_bib_Create.mrc, 2000, 0",
        "marc/perf_1k_bib_Create.mrc, 1000, 0",
        "marc/perf_For_DISC_HRID_match_1k.mrc, 1000, 0",
        "marc/perf_For_LA_edeposit_updates_1k.mrc, 1000, 0",
        "marc/perf_For_LA_edeposit_updates3.mrc, 1138, 0",
        "marc/eg_jazz_1k.mrc, 1000, 0",
        "marc/eg_lul_fre_500.mrc, 500, 0",
        "marc/eg_nepali.marc, 96, 0",
        "marc/eg_hebrew.marc, 20, 1",
        "marc/m4j_pride-and-prejudice-fixed.mrc, 383, 0",
        "marc/m4j_bad_hathi_records.mrc, 5, 1",
        "marc/stanford-50.mrc.gz, 50, 0",
        "marc/multi-library/Marc-01.xml, 156, 0",
        "marc/multi-library/british_library.xml, 99, 0",
        "marc/multi-library/clasmrc.xml, 231, 0",
        "marc/multi-library/dnb.xml, 99, 0",
        "marc/multi-library/gwu.xml, 99, 0",
        "marc/multi-library/loc_general.xml, 99, 0",
        "marc/multi-library/namemrc.xml, 273, 0",
        "marc/multi-library/nlm.xml, 99, 0",
        "marc/multi-library/oclc.xml, 99, 0",
        "marc/multi-library/princeton.xml, 99, 0",
        "marc/multi-library/subjmrc.xml, 193, 0",
        "marc/holdings/alma-austria-with-items.xml.gz, 2527, 0",
        "marc/holdings/evergreen-mfhd/serials_marc21.xml, 7, 0",
        // holdings records only: read on their own, none has a bibliographic record before it
        "marc/holdings/evergreen-mfhd/serials_mfhd.xml, 7, 7",
    })
    void readsEveryRecordOfTheRealFiles(String file, int records, int problems) {
        List<ReadResult> results = readAll(bytes(file));
        int read = 0;
        int failed = 0;
        for (ReadResult r : results) {
            if (r instanceof ReadRecord record) {
                read += 1 + record.holdings().size();
            } else {
                failed++;
            }
        }
        assertEquals(records, read + failed, file);
        assertEquals(problems, failed, () -> file + ": " + results.stream().filter(RecordProblem.class::isInstance)
                .limit(3).toList());
    }

    @Test
    void theOversizedHathiRecordIsReportedAndTheRecordsAroundItAreRead() {
        List<ReadResult> results = readAll(bytes("marc/m4j_bad_hathi_records.mrc"));

        assertEquals(List.of("003034057", "003035931", "003051545"),
                results.subList(0, 3).stream().map(r -> ((ReadRecord) r).record().controlNumber()).toList());
        RecordProblem problem = assertInstanceOf(RecordProblem.class, results.get(3));
        assertEquals(4, problem.position());
        assertEquals("003051567", problem.localId());
        assertEquals("record 4 (001 003051567): the record is 1096887 bytes long, more than the 99999 an ISO 2709"
                + " leader and directory can address, so its fields cannot be located", problem.message());
        ReadRecord last = assertInstanceOf(ReadRecord.class, results.get(4));
        assertEquals(5, last.position());
        assertEquals("Trends in hospital procedures :", last.record().first("245", 'a'));
    }

    @Test
    void marc8DiacriticsBecomeComposedUnicode() {
        List<MarcRecord> jazz = records("marc/eg_jazz_1k.mrc");

        // record 188: 245 $a is "The K" 0xE8 "oln concert", MARC-8's umlaut before the o it sits on
        MarcRecord koeln = jazz.get(187);
        assertEquals("03-0017438", koeln.controlNumber());
        assertEquals("The K\u00f6ln concert", koeln.first("245", 'a'));
        // record 219: 0xE2 is the acute accent
        assertTrue(jazz.get(218).fields("700").stream()
                .anyMatch(f -> f.first('a').equals("Chopin, Fr\u00e9d\u00e9ric,")), jazz.get(218)::toString);
        assertEquals('a', koeln.leader().charAt(9));
    }

    @Test
    void hebrewComesOutInHebrewScriptAndItsOneBadByteIsNamed() {
        List<ReadResult> results = readAll(bytes("marc/eg_hebrew.marc"));

        MarcRecord first = ((ReadRecord) results.get(0)).record();
        // 880 $a in MARC-8's Hebrew set (ESC ( 2): "lzexd alnercim :" is lamed tav vav resh he, bet lamed mem vav
        // ayin dalet yod final mem, by the Library of Congress code table
        assertEquals("\u05dc\u05ea\u05d5\u05e8\u05d4 \u05d1\u05dc\u05de\u05d5\u05e2\u05d3\u05d9\u05dd :",
                first.field("880").first('a'));
        RecordProblem bad = assertInstanceOf(RecordProblem.class, results.get(17));
        assertEquals("record 18 (001 24641800): field 880 $a holds the byte 0x7F, which is not a MARC-8 character",
                bad.message());
    }

    @Test
    void nepaliComesOutInDevanagari() {
        MarcRecord first = records("marc/eg_nepali.marc").get(0);

        String title = first.fields("245").get(0).first('a');
        assertTrue(title.codePoints().filter(Character::isLetter)
                .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.DEVANAGARI), title);
        // the file is decomposed (NFD); the hub keeps everything composed
        assertEquals("Bih\u0101n\u012b \u1e6cus\u0101 /", first.fields("245").get(1).first('a'));
    }

    @Test
    void decomposedAccentsInMarcXmlAreComposed() {
        MarcRecord record = records("marc/holdings/evergreen-mfhd/serials_marc21.xml").stream()
                .filter(r -> "a814871".equals(r.first("901", 'a'))).findFirst().orElseThrow();

        // the file writes them as character references to combining accents: su&#x302;rete&#x301;
        assertEquals("Rapport annuel de la Commission canadienne de s\u00fbret\u00e9 nucl\u00e9aire.",
                record.first("245", 'a'));
    }

    @Test
    void aRecordWhoseLeaderSaysMarc8ButHoldsUtf8IsReadAsUtf8() {
        byte[] nepali = bytes("marc/eg_nepali.marc");
        byte[] first = Arrays.copyOf(nepali, Iso2709Decoder.number(nepali, 0, 5));
        first[9] = ' ';

        MarcRecord record = ((ReadRecord) readAll(first).get(0)).record();

        assertEquals(records("marc/eg_nepali.marc").get(0), record);
    }

    @Test
    void recordsWithout001AreReturnedAsRecords() {
        List<MarcRecord> records = records("marc/perf_For_LA_edeposit_updates3.mrc");

        assertEquals(1138, records.size());
        assertTrue(records.stream().allMatch(r -> r.controlNumber() == null));
    }

    @Test
    void aTruncatedFileEndsWithOneProblemNamingTheCutRecord() {
        byte[] whole = bytes("marc/perf_1k_bib_Create.mrc");
        byte[] cut = Arrays.copyOf(whole, whole.length - 500);
        String lastId = records("marc/perf_1k_bib_Create.mrc").get(999).controlNumber();

        List<ReadResult> results = readAll(cut);

        assertEquals(1000, results.size());
        assertTrue(results.subList(0, 999).stream().allMatch(ReadRecord.class::isInstance));
        RecordProblem problem = assertInstanceOf(RecordProblem.class, results.get(999));
        assertEquals(1000, problem.position());
        int length = whole.length - lastRecordStart(whole);
        assertEquals("record 1000 (001 " + lastId + "): truncated: the input ends inside this record ("
                + (length - 500) + " of the " + length + " bytes its leader announces)", problem.message());
    }

    @Test
    void aDamagedDirectoryCostsOnlyItsRecord() {
        byte[] file = bytes("marc/perf_2k_bib_Create.mrc").clone();
        int second = Iso2709Decoder.number(file, 0, 5);
        int entry4 = second + 24 + 3 * 12;
        String tag = new String(file, entry4, 3, UTF_8);
        System.arraycopy("99999".getBytes(UTF_8), 0, file, entry4 + 7, 5);

        List<ReadResult> results = readAll(file);

        assertEquals(2000, results.size());
        assertEquals("record 2 (001 4322939): directory entry 4 (field " + tag + ") points past the end of the record",
                assertInstanceOf(RecordProblem.class, results.get(1)).message());
        assertEquals(1999, results.stream().filter(ReadRecord.class::isInstance).count());
        assertEquals(3, results.get(2).position());
    }

    @Test
    void wrongLeaderLengthsAndAMissingRecordTerminatorAreOvercome() {
        byte[] original = bytes("marc/perf_2k_bib_Create.mrc");
        int second = Iso2709Decoder.number(original, 0, 5);
        int secondLength = Iso2709Decoder.number(original, second, 5);
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        // record 1 claims 100 bytes; record 2 loses its record terminator but keeps the length that counted it
        damaged.write(original, 0, second);
        damaged.write(original, second, secondLength - 1);
        damaged.write(original, second + secondLength, original.length - second - secondLength);
        byte[] bytes = damaged.toByteArray();
        System.arraycopy("00100".getBytes(UTF_8), 0, bytes, 0, 5);

        List<ReadResult> results = readAll(bytes);

        assertEquals(2000, results.size());
        assertTrue(results.stream().allMatch(ReadRecord.class::isInstance), () -> results.subList(0, 3).toString());
        assertEquals(records("marc/perf_2k_bib_Create.mrc").subList(0, 3),
                results.subList(0, 3).stream().map(r -> ((ReadRecord) r).record()).toList());
    }

    @Test
    void randomBytesAreNotMarc() {
        byte[] noise = new byte[4096];
        new Random(2709).nextBytes(noise);
        noise[0] = (byte) 0x8F;

        List<ReadResult> results = readAll(noise);

        assertEquals(1, results.size());
        String message = ((RecordProblem) results.get(0)).message();
        assertTrue(message.startsWith("not MARC: the input starts with the bytes 8F "), message);
    }

    @Test
    void randomBytesReadAsIso2709OnAWrongHintGiveProblemsNotExceptions() {
        byte[] noise = new byte[100_000];
        new Random(1).nextBytes(noise);

        List<ReadResult> results = new ArrayList<>();
        try (MarcInput in = MarcInput.read(new ByteArrayInputStream(noise), MarcFormat.ISO_2709)) {
            in.forEachRemaining(results::add);
        }

        assertTrue(!results.isEmpty() && results.stream().allMatch(RecordProblem.class::isInstance));
    }

    @Test
    void anEmptyInputSaysSo() {
        assertEquals(List.of(new RecordProblem(1, null, "empty input: there are no records to read")),
                readAll(new byte[0]));
    }

    @Test
    void aWebPageIsNotMarcWhateverTheHint() {
        byte[] page = "<!DOCTYPE html>\n<html><head><title>Session expired</title></head><body>Log in</body></html>"
                .getBytes(UTF_8);

        try (MarcInput in = MarcInput.read(new ByteArrayInputStream(page), MarcFormat.MARCXML)) {
            assertEquals("not MARC: the input starts with '<!DOCTYPE html>', so it is a web page, not MARC records",
                    ((RecordProblem) in.next()).message());
            assertTrue(!in.hasNext());
        }
    }

    @Test
    void aZipArchiveIsNamed() {
        byte[] zip = bytes("marc583/princeton-recap/scsb_updates/updates.zip");

        assertEquals("not MARC: the input is a ZIP archive; unpack it and send the MARC file inside",
                ((RecordProblem) readAll(zip).get(0)).message());
    }

    @Test
    void theFormatIsToldByTheBytesNotTheHint() {
        try (MarcInput in = MarcInput.read(new ByteArrayInputStream(bytes("marc/perf_1k_bib_Create.mrc")),
                MarcFormat.MARCXML)) {
            assertEquals(1000, in.stream().filter(ReadRecord.class::isInstance).count());
        }
    }

    @Test
    void gzippedMarcXmlReads() throws IOException {
        byte[] gzipped = gzip(bytes("marc/multi-library/dnb.xml"));

        assertEquals(records("marc/multi-library/dnb.xml"),
                readAll(gzipped).stream().map(r -> ((ReadRecord) r).record()).toList());
    }

    @Test
    void aCutGzipFileEndsWithAProblem() throws IOException {
        byte[] gzipped = gzip(bytes("marc/perf_2k_bib_Create.mrc"));

        List<ReadResult> results = readAll(Arrays.copyOf(gzipped, gzipped.length / 2));

        RecordProblem last = assertInstanceOf(RecordProblem.class, results.get(results.size() - 1));
        assertTrue(last.message().endsWith("the compressed (gzip) data is damaged or cut short here, so nothing after"
                + " this point can be read"), last.message());
        assertTrue(results.size() > 500 && results.subList(0, results.size() - 1).stream()
                .allMatch(ReadRecord.class::isInstance));
    }

    @Test
    void anExternalEntityIsNeverResolved(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET-MARKER");
        String xml = "<?xml version=\"1.0\"?>\n<!-- a harmless comment first -->\n"
                + "<!DOCTYPE collection [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<collection xmlns=\"http://www.loc.gov/MARC21/slim\"><record>"
                + "<leader>00000nam a2200000 a 4500</leader><controlfield tag=\"001\">&xxe;</controlfield>"
                + "</record></collection>";

        List<ReadResult> results = readAll(xml.getBytes(UTF_8));

        assertEquals(List.of(new RecordProblem(1, null, "refused: the XML has a DOCTYPE declaration. MARCXML never"
                + " needs one, and the hub does not read DTDs because their entities can pull in other files")),
                results);
    }

    @Test
    void anEntityWithoutADeclarationIsNotWellFormed() {
        String xml = "<collection><record><leader>00000nam a2200000 a 4500</leader>"
                + "<controlfield tag=\"001\">&xxe;</controlfield></record></collection>";

        RecordProblem problem = (RecordProblem) readAll(xml.getBytes(UTF_8)).get(0);

        assertEquals("record 1: the XML is not well-formed at line 1, column 91 (The entity \"xxe\" was referenced,"
                + " but not declared.); nothing after this point can be read", problem.message());
    }

    @Test
    void xmlCutInTheMiddleKeepsTheRecordsBeforeTheCut() {
        String xml = new String(bytes("marc/multi-library/loc_general.xml"), UTF_8);
        int fiftieth = 0;
        for (int i = 0; i < 50; i++) {
            fiftieth = xml.indexOf("<marc:record", fiftieth + 1);
        }

        List<ReadResult> results = readAll(xml.substring(0, fiftieth + 300).getBytes(UTF_8));

        assertEquals(50, results.size());
        assertTrue(results.subList(0, 49).stream().allMatch(ReadRecord.class::isInstance));
        RecordProblem cut = assertInstanceOf(RecordProblem.class, results.get(49));
        assertEquals(50, cut.position());
        assertTrue(cut.message().startsWith("record 50: the XML is not well-formed at line "), cut.message());
    }

    @Test
    void aBadMarcXmlRecordCostsOnlyItself() {
        List<MarcRecord> real = records("marc/multi-library/british_library.xml").subList(0, 3);
        String second = MarcXml.write(real.get(1));
        int title = second.indexOf("code=\"a\"", second.indexOf("tag=\"245\""));
        String broken = second.substring(0, title) + "code=\"ab\"" + second.substring(title + 8);
        String xml = "<collection>" + MarcXml.write(real.get(0)) + broken + MarcXml.write(real.get(2))
                + "</collection>";

        List<ReadResult> results = readAll(xml.getBytes(UTF_8));

        assertEquals(List.of(new ReadRecord(1, real.get(0), List.of()),
                RecordProblem.of(2, real.get(1).controlNumber(), "field 245 has a subfield with the code 'ab', which"
                        + " is not a single letter, digit, sign or blank"),
                new ReadRecord(3, real.get(2), List.of())), results);
    }

    @Test
    void anotherXmlVocabularyIsNotMarcXml() {
        String oai = "<?xml version=\"1.0\"?><OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"></OAI-PMH>";

        assertEquals("not MARCXML: the document's root element is <OAI-PMH>, not <collection> or <record>",
                ((RecordProblem) readAll(oai.getBytes(UTF_8)).get(0)).message());
    }

    @Test
    void holdingsRecordsAreAttachedToTheBibliographicRecordBeforeThem() {
        List<MarcRecord> bibs = records("marc/holdings/evergreen-mfhd/serials_marc21.xml");
        List<MarcRecord> mfhds = records("marc/holdings/evergreen-mfhd/serials_mfhd.xml");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        // Evergreen's test set links them by the bib's 901 $a, the holdings record's 001
        for (MarcRecord bib : bibs) {
            file.writeBytes(Iso2709.write(bib));
            mfhds.stream().filter(m -> m.controlNumber().equals(bib.first("901", 'a')))
                    .forEach(m -> file.writeBytes(Iso2709.write(m)));
        }

        List<ReadResult> results = readAll(file.toByteArray());

        assertEquals(bibs.size(), results.size());
        ReadRecord withHoldings = results.stream().map(ReadRecord.class::cast)
                .filter(r -> "a815094".equals(r.record().first("901", 'a'))).findFirst().orElseThrow();
        assertEquals(List.of("a815094"), withHoldings.holdings().stream().map(MarcRecord::controlNumber).toList());
        assertEquals(mfhds.size(), results.stream().mapToInt(r -> ((ReadRecord) r).holdings().size()).sum());
        // positions count the holdings records too
        int expected = 1;
        for (ReadResult r : results) {
            assertEquals(expected, r.position());
            expected += 1 + ((ReadRecord) r).holdings().size();
        }
    }

    @Test
    void aHoldingsRecordWithoutABibliographicRecordIsAProblem() {
        List<ReadResult> results = readAll(bytes("marc/holdings/evergreen-mfhd/serials_mfhd.xml"));

        assertEquals("record 1 (001 a814607): a holdings record (leader/06 = 'y') with no bibliographic record"
                + " before it", ((RecordProblem) results.get(0)).message());
    }

    @Test
    void holdingsFilesCanBeReadRecordByRecord() {
        try (MarcInput in = MarcInput.readEachRecord(
                new ByteArrayInputStream(bytes("marc/holdings/evergreen-mfhd/serials_mfhd.xml")), null)) {
            assertTrue(in.stream().allMatch(r -> r instanceof ReadRecord h && h.record().isHoldings()));
        }
    }

    private static int lastRecordStart(byte[] file) {
        int start = 0;
        while (start + Iso2709Decoder.number(file, start, 5) < file.length) {
            start += Iso2709Decoder.number(file, start, 5);
        }
        return start;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
