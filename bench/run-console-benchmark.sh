#!/usr/bin/env bash
# The web console's speed on the demo consortium: starts the packaged hub on its embedded database with the demo
# loaded (in a scratch data directory), puts ILL requests in every demo library's queues through the API, logs in
# as demo staff, and times each main page. Prints one PAGE line per page: median, 95th percentile and slowest, in
# milliseconds, over N loads. Usage: bench/run-console-benchmark.sh [loads=50] [requests=200]
set -euo pipefail
cd "$(dirname "$0")/.."
LOADS=${1:-50}; LOADS=${LOADS#loads=}
REQUESTS=${2:-200}; REQUESTS=${REQUESTS#requests=}
PORT=${BENCH_PORT:-8094}
DATA=$(mktemp -d)
trap 'kill $HUB 2>/dev/null; wait $HUB 2>/dev/null || true; rm -rf "$DATA"' EXIT

./mvnw -q -DskipTests package -pl hub -am
HUB_DATA_DIR=$DATA QUARKUS_HTTP_PORT=$PORT java -jar hub/target/quarkus-app/quarkus-run.jar > "$DATA/hub.log" 2>&1 &
HUB=$!
for _ in $(seq 1 180); do
  curl -sf "http://localhost:$PORT/q/health/ready" > /dev/null && grep -q "Search index ready" "$DATA/hub.log" && break
  kill -0 $HUB 2>/dev/null || { cat "$DATA/hub.log"; exit 1; }
  sleep 1
done
BASE=http://localhost:$PORT
pw() { awk -v u="$1" '$0 ~ "^ILL_STAFF" && $3 == u {print $4} $0 ~ "^ALLIANCE_MANAGER" && $2 == u {print $3}' "$DATA/demo-credentials.txt"; }

# ILL requests from every demo library for the demo catalog's lendable clusters, so the queues are not empty.
CLUSTERS=$(curl -sf -u "ill.rvc:$(pw ill.rvc)" "$BASE/api/v1/catalog/search?lendable=true&size=100" \
  | python3 -c 'import json,sys; print(" ".join(str(r["clusterId"]) for r in json.load(sys.stdin)["results"]))')
STAFF=(ill.rvc ill.hlu ill.lkp ill.nsu ill.mdc)
i=0; made=0
for _ in $(seq 1 "$REQUESTS"); do
  for c in $CLUSTERS; do
    [ "$made" -ge "$REQUESTS" ] && break 2
    u=${STAFF[$((i % 5))]}; i=$((i + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' -u "$u:$(pw "$u")" -H 'Content-Type: application/json' \
      -d "{\"serviceType\":\"LOAN\",\"clusterId\":$c,\"patronId\":\"P-$i\"}" "$BASE/api/v1/ill/requests")
    [ "$code" = 201 ] && made=$((made + 1))
  done
done
echo "SETUP demo consortium with $made ILL requests"

login() { # user -> cookie jar
  local jar="$DATA/$1.jar"
  curl -s -o /dev/null -c "$jar" -d "username=$1" --data-urlencode "password=$(pw "$1")" -d "next=/console" "$BASE/console/login"
  echo "$jar"
}
measure() { # name jar path
  local times=()
  for _ in $(seq 1 "$LOADS"); do
    times+=("$(curl -s -o /dev/null -b "$2" -w '%{http_code} %{time_total}' "$BASE$3")")
  done
  printf '%s\n' "${times[@]}" | python3 -c '
import sys
rows=[l.split() for l in sys.stdin if l.strip()]
bad=[r[0] for r in rows if r[0]!="200"]
t=sorted(float(r[1])*1000 for r in rows)
p=lambda q: t[min(len(t)-1,int(q*len(t)))]
print("PAGE %-28s loads=%d median=%.1fms p95=%.1fms max=%.1fms%s" % (sys.argv[1], len(t), p(0.5), p(0.95), t[-1], (" NOT-200="+",".join(bad)) if bad else ""))' "$1"
}
STAFF_JAR=$(login ill.hlu)
MANAGER_JAR=$(login alliance.manager)
FIRST=$(curl -s -u "ill.hlu:$(pw ill.hlu)" "$BASE/api/v1/ill/requests?side=lending&size=1" \
  | python3 -c 'import json,sys; r=json.load(sys.stdin)["requests"]; print(r[0]["id"] if r else "")')
measure home "$STAFF_JAR" /console
measure lending-queue "$STAFF_JAR" /console/ill/lending
measure borrowing-queue "$STAFF_JAR" "/console/ill/borrowing?sort=needBefore"
[ -n "$FIRST" ] && measure request-page "$STAFF_JAR" "/console/ill/requests/$FIRST"
measure catalog-search "$STAFF_JAR" "/console/catalog?q=austen"
measure cluster-page "$STAFF_JAR" "/console/catalog/clusters/$(echo "$CLUSTERS" | cut -d' ' -f1)"
measure pull-slips-pdf "$STAFF_JAR" /console/ill/lending/pull-slips.pdf
measure alliance-overview "$MANAGER_JAR" /console/alliance
