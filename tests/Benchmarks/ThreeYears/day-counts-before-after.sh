#!/usr/bin/env bash
# The statements of the retention report's age × status counts and of the operations view's
# workload (backlog, intake per week and per day), as they were (GROUP BY over inquiry.mt_doc_queue)
# and as they are (inquiry.queue_day_counts plus the queue's rows of the days an age limit falls
# in), timed one after the other in one run on the same database with pgbench (one client,
# --requests transactions each, p50/p95 from pgbench's per-transaction log), then each explained
# once (EXPLAIN (ANALYZE, BUFFERS)). The literals are those the services would bind now.
#
#   tests/Benchmarks/ThreeYears/day-counts-before-after.sh <database> [requests] [postgres URL without database]
set -euo pipefail
db="$1"; requests="${2:-30}"; server="${3:-postgresql://postgres:postgres@127.0.0.1:6440}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

now="$(date -u +'%Y-%m-%d %H:%M:%S')"
ago() { date -u -d "$now UTC - $1" +'%Y-%m-%d %H:%M:%S+00'; }
kday() { date -u -d "$1 + 9 hours" +%F; }          # the Korean day of a UTC instant (no DST in Seoul)
kstart() { echo "$1 00:00:00+09"; }
knext() { echo "$(date -d "$1 + 1 day" +%F) 00:00:00+09"; }
today="$(kday "$now")"

# CountByAge: $1 statuses filter ('' for all), then band names (one more than limits), "--", limits.
by_age() {
  local filter="$1"; shift
  local bands=() limits=()
  while [[ "$1" != "--" ]]; do bands+=("$1"); shift; done; shift
  limits=("$@")
  local day_case="CASE" at_case="CASE" edges=() ranges=()
  for i in "${!limits[@]}"; do
    local d; d="$(kday "${limits[$i]}")"
    day_case+=" WHEN day > '$d' THEN '${bands[$i]}'"
    at_case+=" WHEN submitted_at > '${limits[$i]}' THEN '${bands[$i]}'"
    edges+=("$d"); ranges+=("(submitted_at >= '$(kstart "$d")' AND submitted_at < '$(knext "$d")')")
  done
  local last="${bands[${#limits[@]}]}"
  local or; or="$(IFS='|'; echo "${ranges[*]}" | sed 's/|/ OR /g')"
  echo "WITH edge_days AS MATERIALIZED (SELECT submitted_at, status FROM inquiry.mt_doc_queue WHERE $or)
  SELECT band, status, sum(n)::bigint FROM (
    SELECT $day_case ELSE '$last' END AS band, status, inquiries AS n
    FROM inquiry.queue_day_counts WHERE day <> ALL('{$(IFS=,; echo "${edges[*]}")}') AND inquiries <> 0 $filter
    UNION ALL
    SELECT $at_case ELSE '$last' END, status, 1
    FROM edge_days WHERE true $filter
  ) counted GROUP BY 1, 2;"
}
old_by_age() {
  local filter="$1"; shift
  local bands=() limits=()
  while [[ "$1" != "--" ]]; do bands+=("$1"); shift; done; shift
  limits=("$@")
  local at_case="CASE"
  for i in "${!limits[@]}"; do at_case+=" WHEN submitted_at > '${limits[$i]}' THEN '${bands[$i]}'"; done
  echo "SELECT $at_case ELSE '${bands[${#limits[@]}]}' END, status, count(*) FROM inquiry.mt_doc_queue WHERE true $filter GROUP BY 1, 2;"
}
intake_old() { # $1 first Korean day, $2 last
  for day in "date_trunc('week', submitted_at AT TIME ZONE 'Asia/Seoul')::date" "(submitted_at AT TIME ZONE 'Asia/Seoul')::date"; do
    echo "SELECT $day, data ->> 'category', count(*) FROM inquiry.mt_doc_queue WHERE submitted_at >= '$(kstart "$1")' AND submitted_at < '$(knext "$2")' GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST;"
  done
}
intake_new() {
  for day in "date_trunc('week', day)::date" "day"; do
    echo "SELECT $day, category, sum(inquiries)::bigint FROM inquiry.queue_day_counts WHERE day >= '$1' AND day <= '$2' GROUP BY 1, 2 HAVING sum(inquiries) > 0 ORDER BY 1, 2 NULLS LAST;"
  done
}

backlog="AND status = ANY('{open,answered,waiting}')"
monday="$(date -d "$today - $(( ($(date -d "$today" +%u) - 1) )) days" +%F)"
weeks8="$(date -d "$monday - 49 days" +%F)"
year="$(date -d "$today - 365 days" +%F)"
retention_args=("<1y" "1-2y" "2-3y" ">=3y" -- "$(ago '1 year')" "$(ago '2 years')" "$(ago '3 years')")
backlog_args=("<1d" "1-3d" "3-7d" "7-30d" ">=30d" -- "$(ago '1 day')" "$(ago '3 days')" "$(ago '7 days')" "$(ago '30 days')")

old_by_age "" "${retention_args[@]}" > "$work/retention-before.sql"
by_age "" "${retention_args[@]}" > "$work/retention-after.sql"
{ old_by_age "$backlog" "${backlog_args[@]}"; intake_old "$weeks8" "$today"; } > "$work/workload-before.sql"
{ by_age "$backlog" "${backlog_args[@]}"; intake_new "$weeks8" "$today"; } > "$work/workload-after.sql"
{ old_by_age "$backlog" "${backlog_args[@]}"; intake_old "$year" "$today"; } > "$work/workload-year-before.sql"
{ by_age "$backlog" "${backlog_args[@]}"; intake_new "$year" "$today"; } > "$work/workload-year-after.sql"

# The answers must be the same: each pair's rows, sorted, compared.
for name in retention workload workload-year; do
  for side in before after; do psql -qAt "$server/$db" -f "$work/$name-$side.sql" | sort > "$work/$name-$side.out"; done
  if cmp -s "$work/$name-before.out" "$work/$name-after.out"; then echo "$name: same rows ($(wc -l < "$work/$name-after.out"))"; else echo "$name: ROWS DIFFER"; diff "$work/$name-before.out" "$work/$name-after.out" | head; fi
done

for name in retention workload workload-year; do
  for side in before after; do
    (cd "$work" && pgbench -n -c 1 -t "$requests" -f "$name-$side.sql" -l --log-prefix="$name-$side" "$server/$db" >/dev/null 2>&1)
    # pgbench's log: client, transaction, latency in microseconds, ...
    cat "$work/$name-$side".[0-9]* | awk '{print $3 / 1000}' | sort -n | awk -v n="$name $side" '{a[NR]=$1} END {
      p50=a[int((NR+1)*0.5)]; p95=a[int(NR*0.95+0.999)]; printf "%-22s p50 %8.1f ms   p95 %8.1f ms   (%d)\n", n, p50, p95, NR }'
  done
done

for name in retention workload-year; do
  for side in before after; do
    echo "== $name, $side"
    sed -E 's/^(SELECT|WITH)/EXPLAIN (ANALYZE, BUFFERS) \1/' "$work/$name-$side.sql" | psql -qAt "$server/$db"
  done
done
