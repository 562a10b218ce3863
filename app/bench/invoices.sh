#!/usr/bin/env bash
# Benchmark of GET /api/v1/invoices?limit=20 (authenticated; the user has 30 invoices of 2 lines) on the
# prod profile.
#
#   app/bench/invoices.sh [seconds] [connections]
#
# Creates and drops the database keel_bench, migrates it and seeds the benchmark data set with the ops
# command line (seed bench), then measures with wrk.
source "$(dirname "$0")/lib.sh"
seconds=${1:-30}
connections=${2:-64}

fresh_database
keel db migrate
keel seed bench --users 100
start_app
token=$(token_for bench-user-1@example.com bench-password-123)
curl -sf "http://127.0.0.1:8080/api/v1/invoices?limit=20" -H "Authorization: Bearer $token" \
  | grep -q '"nextCursor":"' || { echo "expected a full first page" >&2; exit 1; }
measure "$seconds" "$connections" -H "Authorization: Bearer $token" "http://127.0.0.1:8080/api/v1/invoices?limit=20"
