#!/usr/bin/env bash
# Keel side by side with the FastAPI peer of ../shared/bench (see its README): one PostgreSQL cluster
# (:5433), one data set, one harness (compare.sh) alternating the two services endpoint by endpoint.
# Prints the harness's table, then Keel's ratios against the issue-11 targets.
#
#   app/bench/side-by-side.sh [seconds]          # seconds per measured run, default 15
#
# Keel runs as the image ships it: the prod profile, the layered jar, the Dockerfile's JAVA_TOOL_OPTIONS,
# entry point and AOT cache (from the same training run), inside a memory cgroup of the chart's limit, and
# with Liquibase off as in the chart's pods (the chart migrates in a Job; here `keel db migrate` runs first).
# Only the per-client and login limits are raised (one wrk client is not a flood); they still count.
# Sets up what is missing: the bench cluster, the peer's database and trixie chroot, Keel's bench_java.
#
# Env: PEER_BENCH (../shared/bench)  ROUNDS (2)  SOAK_MINUTES (0: none)  ENDPOINTS (the harness's default)  RESEED (0; 1 re-seeds
#   bench_java)  KEEL_EXTRA_OPTS (e.g. -XX:StartFlightRecording=filename=keel.jfr,settings=profile)
#   BENCH_WORK (app/target/bench: results.jsonl, logs, the layers and the AOT cache)
#   TRIXIE_ROOT (<PEER_BENCH>/.work/trixie: the peer's chroot)
# The JDK, wrk, the jar and the prod profile's settings come from lib.sh, as for the other benchmarks; the
# database is the bench cluster's own.
BENCH_DATABASE_URL=jdbc:postgresql://127.0.0.1:5433/bench_java
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
seconds=${1:-15}
project=$PWD
peer_bench=$(cd "${PEER_BENCH:-../shared/bench}" && pwd)
export BENCH_WORK=${BENCH_WORK:-$project/app/target/bench}
mkdir -p "$BENCH_WORK"
# The chroot stays out of target/ (proc is mounted in it; mvn clean must never reach it).
root=${TRIXIE_ROOT:-$peer_bench/.work/trixie}
for tool in jq curl psql; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y $tool)" >&2; exit 1; }
done
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# --- the peer's side: cluster, database, chroot (each only when missing)
"$peer_bench/db.sh" create
pg_lsclusters -h | awk '$1 == 15 && $2 == "bench" && $4 == "online" { ok = 1 } END { exit !ok }' \
  || "$peer_bench/db.sh" start
has_db() { psql -Atq postgresql://postgres@127.0.0.1:5433/postgres -c "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1; }
has_db bench_peer || "$peer_bench/peer-fastapi/seed.sh"
if [ -x "$root/usr/bin/python3" ]; then ROOT=$root "$peer_bench/peer-fastapi/trixie.sh" mount
else ROOT=$root "$peer_bench/peer-fastapi/trixie.sh" setup; fi

# --- Keel's side: the jar as the image lays it out, its AOT cache, its data
image=$BENCH_WORK/image
rm -rf "$image" && mkdir -p "$image"
"$java_bin" -Djarmode=tools -jar app/target/keel.jar extract --layers --destination "$BENCH_WORK/layers" --force >/dev/null
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  cp -r "$BENCH_WORK/layers/$layer/." "$image/"
done

# The Dockerfile's instructions, continuation lines joined: the JVM options, training run and entry point.
dockerfile=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' Dockerfile | grep -v '^\s*#')
tool_options=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' <<<"$dockerfile")
training=$(sed -n 's/^RUN java \(-XX:AOTCacheOutput=.*\) -jar \/app\/keel.jar$/\1/p' <<<"$dockerfile")
mapfile -t entry < <(sed -n 's/^ENTRYPOINT //p' <<<"$dockerfile" | jq -r '.[1:][]')
[ -n "$tool_options" ] && [ -n "$training" ] && [ "${#entry[@]}" -gt 0 ] \
  || { echo "could not read JAVA_TOOL_OPTIONS, the training run or ENTRYPOINT from the Dockerfile" >&2; exit 1; }
at_image() { sed "s#/app/#$image/#g" <<<"$1"; }

export JAVA_TOOL_OPTIONS="$tool_options"
# The shipped per-client limit stays on, raised past what one wrk client asks; the sign-in limits likewise.
export KEEL_WEB_CLIENT_RATE_LIMIT_ENABLED=true KEEL_WEB_CLIENT_RATE_LIMIT_REQUESTS=1000000000
export KEEL_USERS_LOGIN_LIMITS_PER_IP=100000000 KEEL_USERS_LOGIN_LIMITS_PER_ACCOUNT=100000000

if [ "${RESEED:-0}" = 1 ] || ! has_db bench_java; then
  log "seeding bench_java (10,000 users, 300,000 invoices)"
  psql -q postgresql://postgres@127.0.0.1:5433/postgres \
    -c 'DROP DATABASE IF EXISTS bench_java WITH (FORCE)' -c 'CREATE DATABASE bench_java'
  keel db migrate
  keel seed bench --users 10000
  psql -q postgresql://postgres@127.0.0.1:5433/bench_java -c 'VACUUM ANALYZE'
else
  keel db migrate >/dev/null
fi
# As the chart runs it: migrations are the job of `db migrate` (above), pods start with Liquibase off.
export SPRING_LIQUIBASE_ENABLED=false

set -f   # the options below hold globs (-Xlog:aot*=error) that are not file names
log "AOT training run, as in the image"
# shellcheck disable=SC2046
(cd "$image" && "$java_bin" $(at_image "$training") -jar "$image/keel.jar" >"$BENCH_WORK/aot-training.log" 2>&1) \
  || { tail -20 "$BENCH_WORK/aot-training.log" >&2; exit 1; }

# The chart's memory limit as a cgroup, so that the JVM sizes itself as in a pod (heap, GC choice).
limit=$(awk '/^  limits:/ { inside = 1 } inside && /memory:/ { print $2; exit }' k8s/keel/values.yaml)
cgroup=
v1=$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
if [ -n "$v1" ] && mkdir -p "/sys/fs/cgroup/memory$v1/keel-bench" 2>/dev/null \
    && numfmt --from=iec-i "$limit" >"/sys/fs/cgroup/memory$v1/keel-bench/memory.limit_in_bytes" 2>/dev/null; then
  cgroup=/sys/fs/cgroup/memory$v1/keel-bench/cgroup.procs
elif v2=$(awk -F: '$1 == 0 { print $3 }' /proc/self/cgroup) && mkdir -p "/sys/fs/cgroup$v2/keel-bench" 2>/dev/null \
    && numfmt --from=iec-i "$limit" >"/sys/fs/cgroup$v2/keel-bench/memory.max" 2>/dev/null; then
  cgroup=/sys/fs/cgroup$v2/keel-bench/cgroup.procs
else
  echo "no memory cgroup could be made here: Keel runs without the chart's $limit limit" >&2
fi

keel_pid= peer_pid=
cleanup() {
  set +e   # a killed JVM's wait status must not skip stopping the peer
  [ -n "$keel_pid" ] && kill "$keel_pid" 2>/dev/null && wait "$keel_pid" 2>/dev/null
  [ -n "$peer_pid" ] && PIDFILE=$BENCH_WORK/peer-trixie.pid "$peer_bench/peer-fastapi/stop.sh" >/dev/null 2>&1
  true
}
trap cleanup EXIT

log "starting Keel (memory limit ${cgroup:+$limit}${cgroup:-none})"
started=$(date +%s%N)
# shellcheck disable=SC2016,SC2046
(cd "$image" && exec setsid bash -c '[ -z "$1" ] || echo $$ >"$1"; shift; exec "$@"' keel "$cgroup" \
  "$java_bin" $(at_image "${entry[*]/#-jar/${KEEL_EXTRA_OPTS:-} -jar}")) >"$BENCH_WORK/keel.log" 2>&1 &
keel_pid=$!
until curl -sf http://127.0.0.1:8081/actuator/health/readiness >/dev/null; do
  kill -0 "$keel_pid" 2>/dev/null || { tail -30 "$BENCH_WORK/keel.log" >&2; exit 1; }
  sleep 0.1
done
log "Keel ready after $(( ($(date +%s%N) - started) / 1000000 )) ms ($(grep -o 'Started KeelApplication in [0-9.]* seconds' "$BENCH_WORK/keel.log"))"

# A peer left running by an interrupted run would refuse to start again.
PIDFILE=$BENCH_WORK/peer-trixie.pid "$peer_bench/peer-fastapi/stop.sh" >/dev/null 2>&1 || true
peer_pid=$(CHROOT=$root PORT=8002 PIDFILE=$BENCH_WORK/peer-trixie.pid LOG=$BENCH_WORK/peer-trixie.log \
  "$peer_bench/peer-fastapi/start.sh")

results=$BENCH_WORK/results.jsonl
before=$( (wc -l <"$results") 2>/dev/null || echo 0)
LABEL_A=keel LABEL_B=fastapi ROUNDS=${ROUNDS:-2} RESULTS=$results \
  "$peer_bench/compare.sh" http://127.0.0.1:8080 http://127.0.0.1:8002 "$seconds" "$keel_pid" "$peer_pid"

# --- the targets of issue 11, from the medians of this run
tail -n +"$((before + 1))" "$results" | jq -rs '
  def median: sort | length as $n
    | if $n == 0 then null else (.[($n - 1) / 2 | floor] + .[$n / 2 | floor]) / 2 end;
  def side($s; $e; $f): [.[] | select(.type == "endpoint" and .side == $s and .endpoint == $e) | .[$f]] | median;
  {plans: [1.3, 2], me: [5, 1], invoices: [3, 1]} as $targets
  | . as $all
  | "\ntargets (medians)   keel/peer req/s  (target)   keel p99 / peer p99 ms  (target)",
    ($targets | to_entries[] | .key as $e | .value as $t
     | ($all | side("A"; $e; "rps")) as $ka | ($all | side("B"; $e; "rps")) as $pb
     | ($all | side("A"; $e; "p99_ms")) as $k99 | ($all | side("B"; $e; "p99_ms")) as $p99
     | select($ka != null and $pb != null and $pb > 0)
     | ($ka / $pb) as $ratio
     | "\($e | . + "            " | .[0:12])  \($ratio * 100 | round / 100)x (>= \($t[0])x) \(if $ratio >= $t[0] then "ok" else "MISSED" end)"
       + "    \($k99) / \($p99) (<= \($t[1])x peer, <= 50) \(if $k99 <= $t[1] * $p99 and $k99 <= 50 then "ok" else "MISSED" end)"),
    ([.[] | select(.type == "rss")] | map("RSS \(.label): \(.rss_kb / 1024 | round) MiB in \(.processes) processes") | .[])'

# --- optional soak (SOAK_MINUTES): the same Keel, in the same memory limit, under a mix of the read
# endpoints and sign-ins for that long (the peer is stopped first); RSS is sampled every 10 s. A killed JVM
# (OOM) ends it with an error.
soak=${SOAK_MINUTES:-0}
if [ "$soak" -gt 0 ]; then
  PIDFILE=$BENCH_WORK/peer-trixie.pid "$peer_bench/peer-fastapi/stop.sh" >/dev/null 2>&1 || true
  peer_pid=
  token=$(token_for bench-user-1@example.com bench-password-123)
  [ -n "$token" ] || { echo "soak: no access token for bench-user-1" >&2; exit 1; }
  log "soak: ${soak} min of /plans, /users/me, /invoices (64 connections in all) and sign-ins (2)"
  base=http://127.0.0.1:8080/api/v1
  wrk -t1 -c16 -d"${soak}m" "$base/plans" >"$BENCH_WORK/soak-plans.txt" &
  loads=$!
  wrk -t1 -c24 -d"${soak}m" -H "Authorization: Bearer $token" "$base/users/me" >"$BENCH_WORK/soak-me.txt" &
  loads="$loads $!"
  wrk -t1 -c24 -d"${soak}m" -H "Authorization: Bearer $token" "$base/invoices?limit=20" >"$BENCH_WORK/soak-invoices.txt" &
  loads="$loads $!"
  # A file, not a pipe: wrk reads the script once per thread.
  cat >"$BENCH_WORK/soak-token.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"bench-user-2@example.com","password":"bench-password-123"}'
LUA
  wrk -t1 -c2 -d"${soak}m" -s "$BENCH_WORK/soak-token.lua" "$base/auth/token" >"$BENCH_WORK/soak-token.txt" &
  loads="$loads $!"
  max_rss=0
  for _ in $(seq 1 $((soak * 6))); do
    sleep 10
    kill -0 "$keel_pid" 2>/dev/null || { echo "soak: Keel died (see $BENCH_WORK/keel.log)" >&2; exit 1; }
    rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$keel_pid/status")
    [ "$rss" -gt "$max_rss" ] && max_rss=$rss
  done
  # shellcheck disable=SC2086
  wait $loads
  for part in plans me invoices token; do
    printf 'soak %-9s %s\n' "$part" "$(grep -E 'Requests/sec' "$BENCH_WORK/soak-$part.txt" | tr -s ' ')"
    grep -E 'Non-2xx|Socket errors' "$BENCH_WORK/soak-$part.txt" || true
  done
  echo "soak: Keel alive after ${soak} min in ${limit}; RSS max $((max_rss / 1024)) MiB, now $(( $(awk '/^VmRSS/ { print $2 }' "/proc/$keel_pid/status") / 1024 )) MiB"
fi
