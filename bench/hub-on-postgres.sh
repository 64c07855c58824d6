# Sourced by the benchmark scripts: a database of the local PostgreSQL server for the run, and the packaged hub
# started on it, stopped when the script ends. BENCH_PG_PORT names another local server's port (default 5432).
PG_PORT=${BENCH_PG_PORT:-5432}

# fresh_database NAME [TEMPLATE]: drops NAME and creates it empty, or as a copy of TEMPLATE (only read; it must have
# no other sessions while it is copied). The copy is made file by file rather than through the write-ahead log, and
# the disk is let settle afterwards, so that writing out gigabytes does not happen during the run and slow every
# commit that waits for its WAL to reach the disk.
fresh_database() {
  psql -q -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -c "drop database if exists $1 with (force)" \
    -c "create database $1 ${2:+template $2 strategy file_copy}" -c "checkpoint"
  settle_disk
}

# settle_disk: waits until what the machine has written so far is on the disk (the setup's writes are not measured).
settle_disk() {
  local started=$SECONDS
  command sync
  echo "SETTLED the disk in $((SECONDS - started)) s before measuring"
}

# start_hub DATABASE PORT DATA_DIR LOG ADMIN_PASSWORD: starts the hub on the database and waits until it is ready and
# its search index has caught up with the catalog, so that building the index does not compete with what is measured.
# HUB is the hub's process; BENCH_ALSO_STOP may name other processes to stop at the end.
start_hub() {
  local db=$1 port=$2 data=$3 log=$4 password=$5
  mkdir -p target
  HUB_DB_URL=postgresql://127.0.0.1:$PG_PORT/$db HUB_DB_USER=postgres HUB_DEMO=false HUB_DATA_DIR=$data \
  HUB_BOOTSTRAP_ADMIN_PASSWORD=$password QUARKUS_HTTP_PORT=$port \
    java ${HUB_JAVA_OPTS:-} -jar hub/target/quarkus-app/quarkus-run.jar > "$log" 2>&1 &
  HUB=$!
  trap "kill $HUB ${BENCH_ALSO_STOP:-} 2>/dev/null; wait $HUB 2>/dev/null || true" EXIT
  for _ in $(seq 1 120); do
    curl -sf "http://localhost:$port/q/health/ready" > /dev/null && break
    kill -0 $HUB 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
  for _ in $(seq 1 600); do
    grep -q "Search index ready" "$log" && break
    kill -0 $HUB 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
  settle_disk
}
