package org.consortiumhub.catalog.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

import org.consortiumhub.catalog.marc.Iso2709;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.support.DerivedCatalog;
import org.consortiumhub.catalog.support.DerivedCatalog.Copy;

/**
 * How much CPU preparing a batch takes per record, printed rather than asserted: everything ingest works out before
 * a batch's transaction (reading ISO 2709, profile and match keys, holdings, the stored form compressed, display
 * fields, search words), on the derived members' copies the catalog benchmark sends, in ISO 2709 batches of 1,000.
 * One thread; the figure is that thread's CPU time, so other work on the machine changes it less than wall time.
 *
 * <pre>
 * ./mvnw -q -pl union-catalog test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Denforcer.skip
 * java -Dhub.shared.data=../shared/data \
 *     -cp union-catalog/target/classes:union-catalog/target/test-classes:$(cat union-catalog/target/cp.txt) \
 *     org.consortiumhub.catalog.ingest.BatchPreparationBenchmark [rounds]
 * </pre>
 */
public final class BatchPreparationBenchmark {

    private static final int BATCH = 1_000;
    private static final int GENERATIONS = 3;

    private BatchPreparationBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        List<MarcRecord> sources = DerivedCatalog.sources();
        List<byte[]> batches = new ArrayList<>();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        int inBatch = 0;
        int records = 0;
        for (int generation = 0; generation < GENERATIONS; generation++) {
            int reissue = generation;
            List<MarcRecord> printing = generation == 0 ? sources
                    : sources.stream().map(s -> DerivedCatalog.reissue(s, reissue)).toList();
            for (Copy c : DerivedCatalog.derive(printing, generation * sources.size(), 5, 0.45, 20_240_601L + generation)) {
                batch.writeBytes(Iso2709.write(c.record()));
                records++;
                if (++inBatch == BATCH) {
                    batches.add(batch.toByteArray());
                    batch.reset();
                    inBatch = 0;
                }
            }
        }
        System.out.printf("%,d records of derived members' copies in %,d batches of %,d%n", records, batches.size(), BATCH);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            int prepared = 0;
            for (byte[] b : batches) {
                prepared += BatchPreparation.prepare(new ByteArrayInputStream(b), null, BATCH).records().size();
            }
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf("round %d: %,d records prepared, %.1f µs of CPU per record (%,.0f records/s of one core;"
                    + " wall %.2f s)%n", round, prepared, cpuSeconds * 1e6 / prepared, prepared / cpuSeconds,
                    (System.nanoTime() - wall) / 1e9);
        }
    }
}
