package org.consortiumhub.catalog.marc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.consortiumhub.catalog.SharedData;

/**
 * How fast records are read, printed rather than asserted (timings in unit tests only flake): the 2,000 UTF-8
 * records of {@code perf_2k_bib_Create.mrc} repeated in memory and streamed through {@link MarcInput}, then the same
 * records read one by one from their stored form with {@link Iso2709#read(byte[])}. Run it pinned to one core:
 *
 * <pre>
 * ./mvnw -q -pl union-catalog test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Denforcer.skip
 * taskset -c 0 java -Dhub.shared.data=../shared/data \
 *     -cp union-catalog/target/classes:union-catalog/target/test-classes:$(cat union-catalog/target/cp.txt) \
 *     org.consortiumhub.catalog.marc.MarcReadBenchmark
 * </pre>
 */
public final class MarcReadBenchmark {

    private static final int COPIES = 50;
    private static final int ROUNDS = 10;

    private MarcReadBenchmark() {
    }

    public static void main(String[] args) {
        byte[] file = SharedData.bytes("marc/perf_2k_bib_Create.mrc");
        ByteArrayOutputStream repeated = new ByteArrayOutputStream(file.length * COPIES);
        for (int i = 0; i < COPIES; i++) {
            repeated.writeBytes(file);
        }
        byte[] input = repeated.toByteArray();
        List<byte[]> stored = SharedData.records("marc/perf_2k_bib_Create.mrc").stream().map(Iso2709::write).toList();

        for (int round = 1; round <= ROUNDS; round++) {
            long start = System.nanoTime();
            int records = 0;
            try (MarcInput in = MarcInput.read(new ByteArrayInputStream(input))) {
                while (in.hasNext()) {
                    records += in.next() instanceof ReadRecord ? 1 : 0;
                }
            }
            report("MarcInput, ISO 2709 stream", round, records, System.nanoTime() - start);
        }
        for (int round = 1; round <= ROUNDS; round++) {
            long start = System.nanoTime();
            int records = 0;
            for (int copy = 0; copy < COPIES; copy++) {
                for (byte[] record : stored) {
                    records += Iso2709.read(record).dataFields().isEmpty() ? 0 : 1;
                }
            }
            report("Iso2709.read, stored records", round, records, System.nanoTime() - start);
        }
    }

    private static void report(String what, int round, int records, long nanos) {
        System.out.printf("%-30s round %2d: %,d records in %.3f s = %,.0f records/s%n", what, round, records,
                nanos / 1e9, records / (nanos / 1e9));
    }
}
