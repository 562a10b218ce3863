#!/usr/bin/env bash
# Throughput of the billing cycle: renewals per second for N due subscriptions (default 10,000).
#
#   app/bench/billing-cycle.sh [subscriptions]
#
# Seeds the benchmark data set (one active monthly subscription with a default test card per user),
# moves every period end one minute into the past, then times `billing run-cycle` (the same code path
# as the scheduled cycle and time travel: one transaction per renewal, under the cluster-wide lock).
source "$(dirname "$0")/lib.sh"
count=${1:-10000}

fresh_database
keel db migrate
start=$(date +%s%N)
keel seed bench --users "$count"
echo "seed bench --users $count: $(( ($(date +%s%N) - start) / 1000000 )) ms (including the JVM start)"
psql -q "$bench_db_url" -c "
  update subscriptions
  set current_period_end = now() - interval '1 minute', next_action_at = now() - interval '1 minute',
      current_period_start = now() - interval '1 minute' - interval '1 month',
      billing_anchor = now() - interval '1 minute' - interval '1 month'"
keel billing run-cycle
# The cycle's own duration, from its first to its last renewal invoice (the JVM start is not counted).
psql -tA "$bench_db_url" -c "
  select count(*) || ' renewals in ' || round(extract(epoch from max(created_at) - min(created_at))::numeric, 2)
         || ' s: ' || round(count(*) / greatest(extract(epoch from max(created_at) - min(created_at)), 0.001)::numeric)
         || ' per second'
  from invoices where created_at > now() - interval '1 hour'"
