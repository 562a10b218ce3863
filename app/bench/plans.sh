#!/usr/bin/env bash
# Benchmark of GET /api/v1/plans (public, served from the plan cache) on the prod profile.
#
#   app/bench/plans.sh [seconds] [connections]
#
# Creates and drops the database keel_bench; the starter catalogue is published first.
source "$(dirname "$0")/lib.sh"
seconds=${1:-30}
connections=${2:-64}

fresh_database
KEEL_BILLING_SEED_CATALOG=true start_app
curl -sf http://127.0.0.1:8080/api/v1/plans | grep -q '"pro-monthly"' || { echo "no catalogue" >&2; exit 1; }
measure "$seconds" "$connections" http://127.0.0.1:8080/api/v1/plans
