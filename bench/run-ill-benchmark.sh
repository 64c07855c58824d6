#!/usr/bin/env bash
# The ILL benchmark: starts a hub on the local PostgreSQL server (a fresh database), sets up member libraries with
# staff, policies and a shared catalog, then runs whole loans from many clients at once. Prints ROTA, SETUP,
# TRANSITIONS, SLOW (the seconds most transitions over 50 ms fell in), REQUESTS and LOAD lines.
# Usage: bench/run-ill-benchmark.sh [members=8] [titles=50] [clients=16] [seconds=30] [warmup=10] [rate=N]
# rate=N offers N transitions a second on a fixed schedule (an open loop; clients then defaults to 64) instead of
# letting each client call again as soon as it is answered.
# BENCH_CATALOG_TEMPLATE=<database> starts from a copy of that database (a large union catalog, e.g. the one the
# catalog benchmark loads) instead of an empty one; the template is only read. The copy's search index is rebuilt
# before the run starts, so that work does not compete with the loans.
# BENCH_SKIP_BUILD=1 runs the hub and benchmark as last built.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/hub-on-postgres.sh
DB=${BENCH_DB:-consortium_hub_ill_bench}
PORT=${BENCH_PORT:-8098}
PASSWORD=bench-admin-password
DATA=target/bench-ill-hub-data

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  ./mvnw -q -DskipTests package -pl bench,hub -am
fi
fresh_database $DB "${BENCH_CATALOG_TEMPLATE:-}"
if [ -n "${BENCH_CATALOG_TEMPLATE:-}" ]; then
  psql -qtA -h 127.0.0.1 -p $PG_PORT -U postgres -d $DB -c "select 'CATALOG template=${BENCH_CATALOG_TEMPLATE} records=' || count(*) from catalog_record"
fi

rm -rf $DATA
start_hub $DB $PORT $DATA target/bench-ill-hub.log $PASSWORD

java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.consortiumhub.bench.IllBenchmark password=$PASSWORD hub=http://localhost:$PORT "$@"
