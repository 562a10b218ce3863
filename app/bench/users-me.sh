#!/usr/bin/env bash
# Benchmark of GET /api/v1/users/me (authenticated) on the prod profile against a local PostgreSQL.
#
#   app/bench/users-me.sh [seconds] [connections]
#
# Creates and drops the database keel_bench. Prints wrk's latency distribution.
source "$(dirname "$0")/lib.sh"
seconds=${1:-30}
connections=${2:-64}

fresh_database
start_app
curl -sf http://127.0.0.1:8080/api/v1/users -H 'Content-Type: application/json' \
  -d '{"email":"bench-user-0@example.com","password":"bench-password-123","displayName":"Bench"}' >/dev/null
token=$(token_for bench-user-0@example.com bench-password-123)
measure "$seconds" "$connections" -H "Authorization: Bearer $token" http://127.0.0.1:8080/api/v1/users/me
