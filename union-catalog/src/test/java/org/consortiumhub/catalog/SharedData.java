package org.consortiumhub.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.consortiumhub.catalog.marc.MarcInput;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.ReadRecord;
import org.consortiumhub.catalog.marc.ReadResult;

/**
 * The real test data in {@code ../shared/data}, found through the {@code hub.shared.data} system property that the
 * module's surefire configuration sets. Missing data fails the test run: it is never skipped.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Path path(String relative) {
        String root = System.getProperty("hub.shared.data");
        if (root == null) {
            throw new IllegalStateException("system property hub.shared.data is not set; run the tests with Maven,"
                    + " whose surefire configuration points it at ../shared/data");
        }
        Path file = Path.of(root).resolve(relative).normalize();
        if (!Files.exists(file)) {
            throw new IllegalStateException("shared test data is missing: " + file + " (see shared/data/SOURCES.md)");
        }
        return file;
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every result of reading the bytes, bibliographic records with their holdings attached. */
    public static List<ReadResult> readAll(byte[] input) {
        try (MarcInput in = MarcInput.read(new ByteArrayInputStream(input))) {
            List<ReadResult> results = new ArrayList<>();
            in.forEachRemaining(results::add);
            return results;
        }
    }

    /** The MARC files of the shared data: every format, encoding and library system the tests cover. */
    public static final List<String> MARC_FILES = List.of(
            "marc/perf_2k_bib_Create.mrc", "marc/perf_1k_bib_Create.mrc", "marc/perf_For_DISC_HRID_match_1k.mrc",
            "marc/perf_For_LA_edeposit_updates_1k.mrc", "marc/perf_For_LA_edeposit_updates3.mrc",
            "marc/eg_jazz_1k.mrc", "marc/eg_lul_fre_500.mrc", "marc/eg_nepali.marc", "marc/eg_hebrew.marc",
            "marc/m4j_pride-and-prejudice-fixed.mrc", "marc/m4j_bad_hathi_records.mrc", "marc/stanford-50.mrc.gz",
            "marc/multi-library/Marc-01.xml", "marc/multi-library/british_library.xml",
            "marc/multi-library/clasmrc.xml", "marc/multi-library/dnb.xml", "marc/multi-library/gwu.xml",
            "marc/multi-library/loc_general.xml", "marc/multi-library/namemrc.xml", "marc/multi-library/nlm.xml",
            "marc/multi-library/oclc.xml", "marc/multi-library/princeton.xml", "marc/multi-library/subjmrc.xml",
            "marc/holdings/alma-austria-with-items.xml.gz", "marc/holdings/evergreen-mfhd/serials_marc21.xml",
            "marc/holdings/evergreen-mfhd/serials_mfhd.xml");

    /** The records of a file that read, each on its own; the few broken ones in the data are left out. */
    public static List<MarcRecord> readableRecords(String relative) {
        try (MarcInput in = MarcInput.readEachRecord(new ByteArrayInputStream(bytes(relative)), null)) {
            return in.stream().filter(ReadRecord.class::isInstance).map(r -> ((ReadRecord) r).record()).toList();
        }
    }

    /** The records of a file that must read without a problem. */
    public static List<MarcRecord> records(String relative) {
        List<MarcRecord> records = new ArrayList<>();
        try (MarcInput in = MarcInput.readEachRecord(new ByteArrayInputStream(bytes(relative)), null)) {
            in.forEachRemaining(r -> {
                if (!(r instanceof ReadRecord read)) {
                    throw new AssertionError(relative + ": " + r);
                }
                records.add(read.record());
            });
        }
        return records;
    }
}
