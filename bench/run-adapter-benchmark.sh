#!/usr/bin/env bash
# The member adapter's benchmark: the packaged adapter reads a large local MARC file and pushes it, first to a
# stand-in hub that stores nothing (the adapter's own rate: read, encode, send over HTTP), then to a real hub on a
# fresh database of the local PostgreSQL (end to end, the hub's ingest included). Prints FILE, ADAPTER-NULL-HUB and
# ADAPTER-REAL-HUB lines. Usage: bench/run-adapter-benchmark.sh [records=200000] [batch=1000] [concurrency=4]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/hub-on-postgres.sh
RECORDS=200000; BATCH=1000; CONCURRENCY=4
for a in "$@"; do case $a in records=*) RECORDS=${a#*=};; batch=*) BATCH=${a#*=};; concurrency=*) CONCURRENCY=${a#*=};; esac; done
DB=${BENCH_DB:-consortium_hub_adapter_bench}
PORT=${BENCH_PORT:-18097}
NULL_PORT=${BENCH_NULL_PORT:-18098}
PASSWORD=bench-admin-password
WORK=target/adapter-bench

for p in $PORT $NULL_PORT; do
  if (echo > /dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "port $p is in use: set BENCH_PORT / BENCH_NULL_PORT"; exit 1; fi
done

./mvnw -q -DskipTests package -pl bench,hub,member-adapter -am
rm -rf $WORK && mkdir -p $WORK/exports
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
java -Dhub.shared.data=../shared/data -cp "$CP" org.consortiumhub.bench.AdapterBenchmarkFile \
  out=$WORK/exports/catalog.mrc records=$RECORDS

ADAPTER=member-adapter/target/quarkus-app/quarkus-run.jar
sync() { # hub-url api-key state-dir
  env ADAPTER_HUB_URL=$1 ADAPTER_HUB_API_KEY=$2 ADAPTER_SYNC_SOURCE=files ADAPTER_FILES_PATH=$WORK/exports \
    ADAPTER_FILES_MODE=full ADAPTER_SYNC_STATE_DIR=$3 ADAPTER_SYNC_BATCH_SIZE=$BATCH \
    ADAPTER_SYNC_CONCURRENCY=$CONCURRENCY ADAPTER_SYNC_BATCH_TIMEOUT=10m java -jar $ADAPTER sync 2>/dev/null
}
rate() { grep -o '([0-9,]* records/s)' | tr -d '(),' | cut -d' ' -f1; }

java -cp "$CP" org.consortiumhub.bench.NullHub port=$NULL_PORT > $WORK/null-hub.log 2>&1 &
NULL=$!
trap 'kill $NULL 2>/dev/null || true' EXIT
sleep 1
OUT=$(sync http://127.0.0.1:$NULL_PORT null-key $WORK/state-null)
echo "$OUT" > $WORK/null-hub-summary.txt
echo "ADAPTER-NULL-HUB $(echo "$OUT" | head -2 | tail -1 | rate) records/s read + encoded + sent over HTTP to a hub that stores nothing ($RECORDS records, batches of $BATCH, $CONCURRENCY in flight)"

fresh_database $DB
BENCH_ALSO_STOP=$NULL start_hub $DB $PORT $WORK/hub-data $WORK/hub.log $PASSWORD
curl -sf -u admin:$PASSWORD -H 'Content-Type: application/json' "http://localhost:$PORT/api/v1/members" -d \
  '{"code":"ZZ-BENCH","name":"Benchmark Library","contactEmail":"b@example.org","shippingAddress":{"line1":"1","locality":"T","postalCode":"1","country":"US"}}' > /dev/null
KEY=$(curl -sf -u admin:$PASSWORD -H 'Content-Type: application/json' \
  "http://localhost:$PORT/api/v1/members/ZZ-BENCH/api-keys" -d '{"label":"benchmark"}' | sed 's/.*"secret":"\([^"]*\)".*/\1/')
OUT=$(sync http://127.0.0.1:$PORT "$KEY" $WORK/state-real)
echo "$OUT" > $WORK/real-hub-summary.txt
echo "ADAPTER-REAL-HUB $(echo "$OUT" | head -2 | tail -1 | rate) records/s read + sent + stored by a real hub on PostgreSQL, acknowledged ($RECORDS records, batches of $BATCH, $CONCURRENCY in flight)"
cat $WORK/real-hub-summary.txt
