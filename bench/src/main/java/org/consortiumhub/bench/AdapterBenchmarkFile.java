package org.consortiumhub.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.consortiumhub.catalog.marc.Iso2709;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.support.DerivedCatalog;

/**
 * Writes the MARC export a large member would hand the adapter: the real seed records, then reissues of them
 * (new 001s, dates and identifiers, see {@link DerivedCatalog#reissue}) until the file holds the records asked for.
 * Usage: {@code AdapterBenchmarkFile out=target/adapter-bench.mrc records=200000}.
 */
public final class AdapterBenchmarkFile {

    private AdapterBenchmarkFile() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(arg(args, "out", "target/adapter-bench.mrc"));
        int records = Integer.parseInt(arg(args, "records", "200000"));
        List<MarcRecord> sources = DerivedCatalog.sources();
        int written = 0;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            for (int generation = 0; written < records; generation++) {
                for (MarcRecord source : sources) {
                    if (written == records) {
                        break;
                    }
                    file.write(Iso2709.write(generation == 0 ? source : DerivedCatalog.reissue(source, generation)));
                    written++;
                }
            }
        }
        System.out.printf("FILE     %,d records, %,d bytes in %s%n", written, Files.size(out), out);
    }

    static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
