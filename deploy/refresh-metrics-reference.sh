#!/usr/bin/env bash
# Regenerates deploy/metrics-reference.txt: the metric family names of a real /metrics scrape of the demo (streams app
# and model updater share one registry there), one per line, sorted. DeployFilesTest checks every PromQL expression of
# the dashboard and the alert rules against it. Run it after adding, renaming or removing a metric; takes ~2 minutes.
#   deploy/refresh-metrics-reference.sh [HTTP_PORT]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
port="${1:-18090}"
out="$root/deploy/metrics-reference.txt"
work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A small shop is enough: every metric exists once the model is published and users change segment.
"$root/segstream" demo --fresh --data-dir "$work/demo" --port "$port" --duration 600 \
  --users 1000 --history-days 7 --rate 200 >"$work/demo.log" 2>&1 &
pid=$!

# Kafka Streams' per-task, per-store and per-partition metrics appear after start-up; the Micrometer binder picks them
# up on its next refresh, 60 s after binding. Wait for one of them (the first run also builds the project first).
ready=""
for _ in $(seq 1 600); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the demo stopped early; its output:" >&2
    cat "$work/demo.log" >&2
    exit 1
  fi
  if curl -fsS "http://localhost:$port/metrics" 2>/dev/null | grep -q '^kafka_stream_task_dropped_records_total'; then
    ready=1
    break
  fi
  sleep 1
done
[ -n "$ready" ] || { echo "Kafka Streams task metrics did not appear within 10 minutes" >&2; exit 1; }
sleep 5

# Plain curl gets the Prometheus text format 0.0.4, where a counter's family name carries its _total suffix, the
# same name PromQL queries use.
curl -fsS "http://localhost:$port/metrics" | awk '$1 == "#" && $2 == "TYPE" { print $3 }' | LC_ALL=C sort -u >"$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $(wc -l <"$out") metric names to $out"
