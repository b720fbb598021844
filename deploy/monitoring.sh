#!/usr/bin/env bash
# Two AeorDB nodes and a Prometheus scraping them, on this machine, without a container engine.
#
#   deploy/monitoring.sh [--dir DIR] [--port BASE] [--prometheus-port PORT] [--check]
#
# Node A listens on BASE (default 6830), node B on BASE+1 and joins A; both serve /metrics publicly on 127.0.0.1
# (--metrics-public). Prometheus (installed from Debian's package if absent) scrapes them with
# deploy/monitoring/prometheus.yml and listens on 127.0.0.1:PORT (default 9090). Data and logs live in DIR (default:
# a new temp directory, removed at exit unless --dir is given). --check brings everything up, waits until Prometheus
# has scraped both nodes after a write, prints what it saw and exits 0 (1 on failure). Otherwise Ctrl+C stops all.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
config="$root/deploy/monitoring/prometheus.yml"
dir=""
base=6830
prom_port=9090
check=false
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --port) base=$2; shift 2 ;;
    --prometheus-port) prom_port=$2; shift 2 ;;
    --check) check=true; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "monitoring.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=lib/processes.sh
source "$root/deploy/lib/processes.sh"
aeordb_workdir monitoring

if ! command -v prometheus >/dev/null 2>&1; then
  echo "Installing prometheus from Debian's packages..." >&2
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=sudo; fi
  # Debian's maintainer scripts would start a system Prometheus on 9090; a policy-rc.d answering 101 stops that
  # (this script runs its own).
  made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null
    $sudo_cmd chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  $sudo_cmd apt-get update -qq >&2
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >&2
  if [ -n "$made_policy" ]; then $sudo_cmd rm -f /usr/sbin/policy-rc.d; fi
fi

aeordb_build "$root"

# start NAME PORT ARGS...: one node with public metrics and fast heartbeats, healthy once /health/ready says so.
start() {
  local name=$1 port=$2
  shift 2
  aeordb_start "$name" "$port" "http://127.0.0.1:$port/health/ready" -D "$dir/$name/data.aeordb" --metrics-public \
    --heartbeat-interval-ms 1000 --honeymoon-max-jitter-ms 500 --sync-interval-ms 5000 "$@"
}

port_a=$base port_b=$((base + 1))
start node-a "$port_a"
key_a=$(aeordb_root_key node-a)
start node-b "$port_b" --join "http://127.0.0.1:$port_a" --join-token "$key_a"

# The checked-in config names the default ports; other ports get a copy with the targets moved.
if [ "$base" != 6830 ]; then
  sed -e "s/127.0.0.1:6830/127.0.0.1:$port_a/; s/127.0.0.1:6831/127.0.0.1:$port_b/" "$config" >"$dir/prometheus.yml"
  config="$dir/prometheus.yml"
fi
promtool check config "$config" >&2
prometheus --config.file="$config" --storage.tsdb.path="$dir/prometheus" \
  --web.listen-address="127.0.0.1:$prom_port" >"$dir/prometheus.log" 2>&1 &
pids+=($!)

prom="http://127.0.0.1:$prom_port"
# query PROMQL: the number of series the instant query returns (0 while Prometheus is not up yet).
query() {
  local body
  body=$(curl -sf "$prom/api/v1/query" --data-urlencode "query=$1" 2>/dev/null || true)
  { grep -o '"metric"' <<<"$body" || true; } | wc -l
}

token=$(curl -sf -X POST "http://127.0.0.1:$port_a/auth/token" -H 'Content-Type: application/json' \
  -d "{\"api_key\":\"$key_a\"}" | grep -o '"token":"[^"]*"' | cut -d'"' -f4)
curl -sf -X PUT --data-binary 'hello from monitoring.sh' "http://127.0.0.1:$port_a/files/monitoring/hello.txt" \
  -H "Authorization: Bearer $token" >/dev/null

# Both targets up, node A's write counted, and node B's pull from A counted.
deadline=$((SECONDS + 120))
until [ "$(query 'up{job="aeordb"} == 1')" -ge 2 ] \
  && [ "$(query 'aeordb_http_requests_total{node="a",family="files",method="PUT"}')" -ge 1 ] \
  && [ "$(query 'aeordb_sync_pulls_total{node="b",result="ok"}')" -ge 1 ]; do
  if [ $SECONDS -ge $deadline ]; then
    echo "Prometheus did not see both nodes in time; targets:" >&2
    curl -s "$prom/api/v1/targets" >&2 || tail -n 20 "$dir/prometheus.log" >&2
    exit 1
  fi
  sleep 1
done

echo
echo "AeorDB with Prometheus is up (logs and data in $dir):"
echo "  node A      http://127.0.0.1:$port_a   (metrics: /metrics)"
echo "  node B      http://127.0.0.1:$port_b   (joined A)"
echo "  Prometheus  $prom   (scraping both with $config)"
echo "Root key of node A: $key_a"
echo "Try: curl -s '$prom/api/v1/query' --data-urlencode 'query=sum by (node, family) (aeordb_http_requests_total)'"
if [ "$check" = true ]; then
  curl -s "$prom/api/v1/query" --data-urlencode 'query=up{job="aeordb"}'
  echo
  exit 0
fi
echo "Ctrl+C stops everything."
wait -n "${pids[@]}" || true
echo "A process exited; stopping the others." >&2
