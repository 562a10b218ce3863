#!/usr/bin/env bash
# Benchmark of GET /api/v1/users/me (authenticated) on the prod profile against a local PostgreSQL.
#
#   app/bench/users-me.sh [seconds] [connections]
#
# Needs wrk and a PostgreSQL on 127.0.0.1:5432 that user postgres reaches without a password
# (override with BENCH_DATABASE_URL / BENCH_DATABASE_ADMIN_URL). Creates and drops the database
# keel_bench. Prints wrk's latency distribution; the numbers go into the issue note.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-30}
connections=${2:-64}
admin_url=${BENCH_DATABASE_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
db_url=${BENCH_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/keel_bench}

java_bin=java
if ! java -version 2>&1 | grep -q 'version "2[5-9]'; then
  java_bin=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1)
fi
[ -x "$(command -v "$java_bin")" ] || { echo "JDK 25 not found" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }

psql -q "$admin_url" -c 'DROP DATABASE IF EXISTS keel_bench WITH (FORCE)' -c 'CREATE DATABASE keel_bench'
[ -f app/target/keel.jar ] || ./mvnw -q -B -DskipTests package

log=$(mktemp)
SPRING_PROFILES_ACTIVE=prod \
SPRING_DATASOURCE_URL="$db_url" SPRING_DATASOURCE_USERNAME=postgres \
KEEL_SECURITY_JWT_SECRET="$(head -c 48 /dev/urandom | base64)" \
  "$java_bin" -jar app/target/keel.jar >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; psql -q "$admin_url" -c "DROP DATABASE IF EXISTS keel_bench WITH (FORCE)"' EXIT

for _ in $(seq 1 120); do
  curl -sf http://127.0.0.1:8081/actuator/health/readiness >/dev/null && break
  sleep 0.5
done
grep -o 'Started KeelApplication in [0-9.]* seconds' "$log" || { cat "$log"; exit 1; }

curl -sf http://127.0.0.1:8080/api/v1/users -H 'Content-Type: application/json' \
  -d '{"email":"bench-user-0@example.com","password":"bench-password-123","displayName":"Bench"}' >/dev/null
token=$(curl -sf http://127.0.0.1:8080/api/v1/auth/token -H 'Content-Type: application/json' \
  -d '{"email":"bench-user-0@example.com","password":"bench-password-123"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')

echo "warm-up (10 s)"
wrk -t2 -c"$connections" -d10s -H "Authorization: Bearer $token" http://127.0.0.1:8080/api/v1/users/me >/dev/null
echo "measured run: ${seconds} s, ${connections} connections"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $token" \
  http://127.0.0.1:8080/api/v1/users/me
