# Shared by the benchmark scripts: a fresh keel_bench database, the prod-profile jar, wrk.
# Needs wrk and a PostgreSQL on 127.0.0.1:5432 that user postgres reaches without a password
# (override with BENCH_DATABASE_URL / BENCH_DATABASE_ADMIN_URL).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

admin_url=${BENCH_DATABASE_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
db_url=${BENCH_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/keel_bench}
bench_db_url=${admin_url%/*}/keel_bench

java_bin=java
if ! java -version 2>&1 | grep -q 'version "2[5-9]'; then
  java_bin=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1)
fi
[ -x "$(command -v "$java_bin")" ] || { echo "JDK 25 not found" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
[ -f app/target/keel.jar ] || ./mvnw -q -B -DskipTests package

export SPRING_PROFILES_ACTIVE=prod
export SPRING_DATASOURCE_URL="$db_url" SPRING_DATASOURCE_USERNAME=postgres
KEEL_SECURITY_JWT_SECRET="$(head -c 48 /dev/urandom | base64)"
KEEL_NOTIFICATIONS_WEBHOOKS_SECRET_KEY="$(head -c 48 /dev/urandom | base64)"
export KEEL_SECURITY_JWT_SECRET KEEL_NOTIFICATIONS_WEBHOOKS_SECRET_KEY
# No mail server is needed: messages the benchmarks cause wait in their retry schedule.
export SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=2525 KEEL_NOTIFICATIONS_PUBLIC_BASE_URL=http://127.0.0.1:8080
# wrk is one client asking as fast as it can: measured, not throttled (the per-client limit answers 429).
export KEEL_WEB_CLIENT_RATE_LIMIT_ENABLED=false

app=
fresh_database() {
  psql -q "$admin_url" -c 'DROP DATABASE IF EXISTS keel_bench WITH (FORCE)' -c 'CREATE DATABASE keel_bench'
  trap 'stop_app; psql -q "$admin_url" -c "DROP DATABASE IF EXISTS keel_bench WITH (FORCE)"' EXIT
}

# Runs an ops command of the same jar (no web server), e.g. keel seed bench --users 10.
keel() {
  "$java_bin" -jar app/target/keel.jar "$@"
}

start_app() {
  local log
  log=$(mktemp)
  # BENCH_JAVA_OPTS, e.g. -XX:StartFlightRecording=filename=keel.jfr,settings=profile, to profile a run.
  # shellcheck disable=SC2086
  "$java_bin" ${BENCH_JAVA_OPTS:-} -jar app/target/keel.jar >"$log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do
    curl -sf http://127.0.0.1:8081/actuator/health/readiness >/dev/null && break
    sleep 0.5
  done
  grep -o 'Started KeelApplication in [0-9.]* seconds' "$log" || { cat "$log"; exit 1; }
}

stop_app() {
  if [ -n "$app" ]; then
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    app=
  fi
}

# An access token for an account, signing in through the API.
token_for() {
  curl -sf http://127.0.0.1:8080/api/v1/auth/token -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}

# wrk: a 10 s warm-up, then the measured run with the latency distribution.
measure() {
  local seconds=$1 connections=$2
  shift 2
  echo "warm-up (10 s)"
  wrk -t2 -c"$connections" -d10s "$@" >/dev/null
  echo "measured run: ${seconds} s, ${connections} connections"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@"
}
