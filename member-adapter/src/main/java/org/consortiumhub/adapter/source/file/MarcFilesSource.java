package org.consortiumhub.adapter.source.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.consortiumhub.adapter.source.CatalogSource;
import org.consortiumhub.adapter.source.ChangeSink;
import org.consortiumhub.adapter.source.SourceChange;
import org.consortiumhub.adapter.source.SourceException;
import org.consortiumhub.catalog.marc.MarcInput;
import org.consortiumhub.catalog.marc.ReadRecord;
import org.consortiumhub.catalog.marc.ReadResult;
import org.consortiumhub.catalog.marc.RecordProblem;

/**
 * A member's catalog exported as MARC files: ISO 2709 (UTF-8 or MARC-8) or MARCXML, each possibly gzipped, read with
 * the hub's own reader so the adapter finds the same faults the hub would. An interrupted run resumes in the file and
 * at the record where its last acknowledged batch ended, as long as the files have not changed since.
 */
public final class MarcFilesSource implements CatalogSource {

    private static final List<String> MARC_ENDINGS = List.of(".mrc", ".marc", ".dat", ".iso", ".xml", ".gz");
    /** How often (in records) the source offers a place to resume from. */
    private static final int RESUME_EVERY = 100;

    private final MarcFilesSettings settings;

    public MarcFilesSource(MarcFilesSettings settings) {
        this.settings = settings;
    }

    @Override
    public String describe() {
        return "MARC files " + settings.path() + (settings.full() ? " (full catalog)" : " (changes only)");
    }

    @Override
    public String identity() {
        return "files " + settings.path().toAbsolutePath().normalize() + (settings.full() ? " full" : " incremental");
    }

    @Override
    public SourceRun read(Position position, ChangeSink sink) throws SourceException, InterruptedException {
        List<Path> files = files();
        String fingerprint = fingerprint(files);
        int firstFile = 0;
        long skip = 0;
        if (position.cursor() != null) {
            String[] cursor = position.cursor().split("\n");
            if (cursor.length == 3 && cursor[0].equals(fingerprint)) {
                firstFile = Integer.parseInt(cursor[1]);
                skip = Long.parseLong(cursor[2]);
            }
        }
        sink.expect(estimate(files));
        for (int f = firstFile; f < files.size(); f++) {
            Path file = files.get(f);
            String name = file.getFileName().toString();
            try (InputStream bytes = Files.newInputStream(file); MarcInput in = MarcInput.read(bytes)) {
                long read = 0;
                while (in.hasNext()) {
                    ReadResult result = in.next();
                    read++;
                    if (read <= skip) {
                        continue;
                    }
                    sink.accept(change(name, result));
                    if (read % RESUME_EVERY == 0) {
                        sink.resumePoint(fingerprint + "\n" + f + "\n" + read);
                    }
                }
            } catch (IOException e) {
                throw new SourceException("Cannot read " + file + ": " + e.getMessage(), e);
            }
            skip = 0;
            sink.resumePoint(fingerprint + "\n" + (f + 1) + "\n0");
        }
        // files are read whole every run (the hub recognises unchanged records), so there is no position to keep
        return new SourceRun(null, settings.full());
    }

    static SourceChange change(String file, ReadResult result) {
        if (result instanceof ReadRecord read) {
            String localId = read.record().controlNumber();
            if (localId == null) {
                return new SourceChange.Malformed(file + " record " + read.position(), null,
                        "the record has no 001 (local id), so the hub cannot tell it apart from the member's other "
                                + "records");
            }
            if (read.record().isDeleted()) {
                return new SourceChange.Removal(localId);
            }
            return new SourceChange.Upsert(localId, read.record(), read.holdings());
        }
        RecordProblem problem = (RecordProblem) result;
        return new SourceChange.Malformed(file, problem.localId(), problem.message());
    }

    /** The MARC files to read, in name order, so every run reads them in the same order. */
    List<Path> files() throws SourceException {
        Path path = settings.path();
        if (!Files.exists(path)) {
            throw new SourceException("The MARC file or folder " + path.toAbsolutePath()
                    + " does not exist; check adapter.files.path.");
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            List<Path> files = entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> MARC_ENDINGS.stream().anyMatch(p.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new SourceException("The folder " + path.toAbsolutePath() + " has no MARC files (" 
                        + String.join(" ", MARC_ENDINGS) + "); check adapter.files.path.");
            }
            return files;
        } catch (IOException e) {
            throw new SourceException("Cannot list the folder " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Names, sizes and modification times: a resumed run must read the very files the interrupted one read. */
    private static String fingerprint(List<Path> files) throws SourceException {
        StringBuilder s = new StringBuilder();
        try {
            for (Path file : files) {
                s.append(file.toAbsolutePath().normalize()).append('|').append(Files.size(file)).append('|')
                        .append(Files.getLastModifiedTime(file).toMillis()).append(';');
            }
        } catch (NoSuchFileException e) {
            throw new SourceException("The MARC file " + e.getFile() + " disappeared while the adapter read it.", e);
        } catch (IOException e) {
            throw new SourceException("Cannot read the MARC files: " + e.getMessage(), e);
        }
        return Long.toHexString(s.toString().hashCode() * 31L + s.length());
    }

    /**
     * How many records the files hold, for the progress display: record terminators of ISO 2709 files and record end
     * tags of MARCXML files, counted without decoding; a gzipped file makes the total unknown (-1).
     */
    private static long estimate(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                return -1;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                int matched = 0;
                byte[] endTag = "record>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte previous = 0;
                while (channel.read(buffer) > 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        byte b = buffer.get();
                        if (b == 0x1D) {
                            total++;
                        }
                        if (matched == 0 && b == 'r' && (previous == '/' || previous == ':')) {
                            matched = 1;
                        } else if (matched > 0 && b == endTag[matched]) {
                            matched++;
                            if (matched == endTag.length) {
                                total++;
                                matched = 0;
                            }
                        } else {
                            matched = 0;
                        }
                        previous = b;
                    }
                    buffer.clear();
                }
            } catch (IOException e) {
                return -1;
            }
        }
        return total;
    }
}
