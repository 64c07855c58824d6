#!/usr/bin/env bash
# The union catalog's benchmark: starts a hub on the local PostgreSQL server (a fresh database), lets five member
# adapters post a scaled-up catalog built from the real seed records, measures storage, then sixteen searching
# clients. Prints INGEST, STORAGE and SEARCH lines. Usage: bench/run-catalog-benchmark.sh [records=1000000] [seconds=60]
# BENCH_REUSE_DB=1 keeps the catalog of the previous run (e.g. records=0 to measure search alone).
# BENCH_TEMPLATE=<database> starts from a copy of a catalog database a previous run left (e.g. a copy of a 1M run's
# database); with records=1100000 skip=1000000 it measures ingest into that catalog as it grows further.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-consortium_hub_bench}
PORT=${BENCH_PORT:-8099}
PASSWORD=bench-admin-password

./mvnw -q -DskipTests package -pl bench,hub -am
DATA=target/bench-hub-data
if [ -z "${BENCH_REUSE_DB:-}" ]; then
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $DB with (force)" \
    -c "create database $DB ${BENCH_TEMPLATE:+template $BENCH_TEMPLATE}"
  rm -rf "$DATA"
fi

mkdir -p target
HUB_DB_URL=postgresql://127.0.0.1:5432/$DB HUB_DB_USER=postgres HUB_DEMO=false HUB_DATA_DIR=$DATA \
HUB_BOOTSTRAP_ADMIN_PASSWORD=$PASSWORD QUARKUS_HTTP_PORT=$PORT \
  java ${HUB_JAVA_OPTS:-} -jar hub/target/quarkus-app/quarkus-run.jar > target/bench-hub.log 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null; wait $HUB 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$PORT/q/health/ready" > /dev/null && break
  kill -0 $HUB 2>/dev/null || { cat target/bench-hub.log; exit 1; }
  sleep 1
done

# Search is measured on the replica's search index: wait until it has caught up with the catalog.
for _ in $(seq 1 600); do
  grep -q "Search index ready" target/bench-hub.log && break
  sleep 1
done

java -Xmx4g -Dhub.shared.data=../shared/data -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.consortiumhub.bench.CatalogBenchmark password=$PASSWORD hub=http://localhost:$PORT \
  jdbc=jdbc:postgresql://127.0.0.1:5432/$DB "$@"
