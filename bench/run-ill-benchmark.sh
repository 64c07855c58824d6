#!/usr/bin/env bash
# The ILL benchmark: starts a hub on the local PostgreSQL server (a fresh database), sets up member libraries with
# staff, policies and a shared catalog, then runs whole loans from many clients at once. Prints ROTA, SETUP,
# TRANSITIONS, REQUESTS and LOAD lines.
# Usage: bench/run-ill-benchmark.sh [members=8] [titles=50] [clients=16] [seconds=30] [warmup=10] [http=1.1|2]
# BENCH_CATALOG_TEMPLATE=<database> starts from a copy of that database (a large union catalog, e.g. the one the
# catalog benchmark loads) instead of an empty one; the template is only read. The copy's search index is rebuilt
# before the run starts, so that work does not compete with the loans.
# BENCH_SKIP_BUILD=1 runs the hub and benchmark as last built.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-consortium_hub_ill_bench}
PORT=${BENCH_PORT:-8098}
PASSWORD=bench-admin-password
DATA=target/bench-ill-hub-data

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  ./mvnw -q -DskipTests package -pl bench,hub -am
fi
psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $DB with (force)"
if [ -n "${BENCH_CATALOG_TEMPLATE:-}" ]; then
  # a template must have no other sessions while it is copied
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $DB template ${BENCH_CATALOG_TEMPLATE}"
  psql -qtA -h 127.0.0.1 -U postgres -d $DB -c "select 'CATALOG template=${BENCH_CATALOG_TEMPLATE} records=' || count(*) from catalog_record"
else
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $DB"
fi

mkdir -p target
rm -rf $DATA
HUB_DB_URL=postgresql://127.0.0.1:5432/$DB HUB_DB_USER=postgres HUB_DEMO=false HUB_DATA_DIR=$DATA \
HUB_BOOTSTRAP_ADMIN_PASSWORD=$PASSWORD QUARKUS_HTTP_PORT=$PORT \
  java ${HUB_JAVA_OPTS:-} -jar hub/target/quarkus-app/quarkus-run.jar > target/bench-ill-hub.log 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null; wait $HUB 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$PORT/q/health/ready" > /dev/null && break
  kill -0 $HUB 2>/dev/null || { cat target/bench-ill-hub.log; exit 1; }
  sleep 1
done
for _ in $(seq 1 600); do
  grep -q "Search index ready" target/bench-ill-hub.log && break
  kill -0 $HUB 2>/dev/null || { cat target/bench-ill-hub.log; exit 1; }
  sleep 1
done

java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.consortiumhub.bench.IllBenchmark password=$PASSWORD hub=http://localhost:$PORT "$@"
