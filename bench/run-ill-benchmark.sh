#!/usr/bin/env bash
# The ILL benchmark: starts a hub on the local PostgreSQL server (a fresh database), sets up member libraries with
# staff, policies and a shared catalog, then runs whole loans from many clients at once. Prints ROTA, SETUP,
# TRANSITIONS and REQUESTS lines. Usage: bench/run-ill-benchmark.sh [members=8] [titles=50] [clients=16] [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-consortium_hub_ill_bench}
PORT=${BENCH_PORT:-8098}
PASSWORD=bench-admin-password

./mvnw -q -DskipTests package -pl bench,hub -am
psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"

mkdir -p target
HUB_DB_URL=postgresql://127.0.0.1:5432/$DB HUB_DB_USER=postgres HUB_DEMO=false \
HUB_BOOTSTRAP_ADMIN_PASSWORD=$PASSWORD QUARKUS_HTTP_PORT=$PORT \
  java ${HUB_JAVA_OPTS:-} -jar hub/target/quarkus-app/quarkus-run.jar > target/bench-ill-hub.log 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null; wait $HUB 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$PORT/q/health/ready" > /dev/null && break
  kill -0 $HUB 2>/dev/null || { cat target/bench-ill-hub.log; exit 1; }
  sleep 1
done

java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.consortiumhub.bench.IllBenchmark password=$PASSWORD hub=http://localhost:$PORT "$@"
