#!/usr/bin/env bash
# The union catalog's benchmark: starts a hub on the local PostgreSQL server (a fresh database), lets five member
# adapters post a scaled-up catalog built from the real seed records, measures storage, then sixteen searching
# clients. Prints INGEST, STORAGE and SEARCH lines. Usage: bench/run-catalog-benchmark.sh [records=1000000] [seconds=60]
# BENCH_REUSE_DB=1 keeps the catalog of the previous run (e.g. records=0 to measure search alone).
# BENCH_TEMPLATE=<database> starts from a copy of a catalog database a previous run left (e.g. a copy of a 1M run's
# database); with records=1100000 skip=1000000 it measures ingest into that catalog as it grows further.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/hub-on-postgres.sh
DB=${BENCH_DB:-consortium_hub_bench}
PORT=${BENCH_PORT:-8099}
PASSWORD=bench-admin-password

./mvnw -q -DskipTests package -pl bench,hub -am
DATA=target/bench-hub-data
if [ -z "${BENCH_REUSE_DB:-}" ]; then
  fresh_database $DB "${BENCH_TEMPLATE:-}"
  rm -rf "$DATA"
fi

# Search is measured on the replica's search index: start_hub waits until it has caught up with the catalog.
start_hub $DB $PORT $DATA target/bench-hub.log $PASSWORD

java -Xmx4g -Dhub.shared.data=../shared/data -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.consortiumhub.bench.CatalogBenchmark password=$PASSWORD hub=http://localhost:$PORT \
  jdbc=jdbc:postgresql://127.0.0.1:$PG_PORT/$DB "$@"
