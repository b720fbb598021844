#!/usr/bin/env bash
# Starts a local AeorDB cluster in one command and prints its URLs and root key; Ctrl+C stops everything.
#
#   deploy/local-cluster.sh [--postgres [CONNECTION_STRING]] [--dir DIR] [--port BASE]
#
# Default: three nodes on the embedded default (one process and one SQLite file each) on ports BASE, BASE+1 and
# BASE+2 (BASE is 6830); B and C join A with A's root key, so writes to any node replicate to the others.
# --postgres: node A is instead a node of two silos sharing a PostgreSQL database (HTTP on BASE and BASE+3);
# without a connection string a throwaway PostgreSQL 15 is started (installed from Debian's packages if absent)
# and removed at exit. Data lives in DIR (default: a new temp directory, removed at exit unless --dir is given).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
postgres=false
cluster_db=""
dir=""
base=6830
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres)
      postgres=true
      if [ $# -gt 1 ] && [[ "$2" != --* ]]; then cluster_db=$2; shift; fi
      shift ;;
    --dir) dir=$2; shift 2 ;;
    --port) base=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "local-cluster.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=lib/processes.sh
source "$root/deploy/lib/processes.sh"
aeordb_extra_cleanup() { if declare -F aeordb_postgres_stop >/dev/null; then aeordb_postgres_stop; fi; }
aeordb_workdir local-cluster
aeordb_build "$root"

if [ "$postgres" = true ] && [ -z "$cluster_db" ]; then
  # The test suite's throwaway server: initdb into a temp dir, a free loopback port, stopped in cleanup.
  unset AEORDB_TEST_POSTGRES
  # shellcheck source=../.ci/postgres
  source "$root/.ci/postgres"
  cluster_db=$AEORDB_TEST_POSTGRES
fi

# Peers settle and sync within seconds rather than the production minutes (heartbeats every second, not 15).
fast=(--heartbeat-interval-ms 1000 --honeymoon-max-jitter-ms 500 --sync-interval-ms 5000)

# start NAME PORT ARGS...: one node, started once /health/ready answers.
start() { local name=$1 port=$2; shift 2; aeordb_start "$name" "$port" "http://127.0.0.1:$port/health/ready" "${fast[@]}" "$@"; }

root_key() { aeordb_root_key "$1"; }

port_a=$base port_b=$((base + 1)) port_c=$((base + 2)) port_a2=$((base + 3))
if [ "$postgres" = true ]; then
  export AEORDB_CLUSTER_DB=$cluster_db
  start node-a-silo1 "$port_a" -D "$dir/node-a-silo1/unused.aeordb"
  start node-a-silo2 "$port_a2" -D "$dir/node-a-silo2/unused.aeordb"
  unset AEORDB_CLUSTER_DB
  key_a=$(root_key node-a-silo1)
else
  start node-a "$port_a" -D "$dir/node-a/data.aeordb"
  key_a=$(root_key node-a)
fi
start node-b "$port_b" -D "$dir/node-b/data.aeordb" --join "http://127.0.0.1:$port_a" --join-token "$key_a"
start node-c "$port_c" -D "$dir/node-c/data.aeordb" --join "http://127.0.0.1:$port_a" --join-token "$key_a"

echo
echo "AeorDB local cluster is up (logs and data in $dir):"
if [ "$postgres" = true ]; then
  echo "  node A, silo 1  http://127.0.0.1:$port_a   (PostgreSQL: one node, two silos)"
  echo "  node A, silo 2  http://127.0.0.1:$port_a2"
else
  echo "  node A  http://127.0.0.1:$port_a"
fi
echo "  node B  http://127.0.0.1:$port_b   (joined A)"
echo "  node C  http://127.0.0.1:$port_c   (joined A)"
echo "Root key of node A (B and C share its signing key; each also printed its own root key in its log):"
echo "  $key_a"
echo "Try:"
echo "  TOKEN=\$(curl -s -X POST http://127.0.0.1:$port_a/auth/token -H 'Content-Type: application/json' -d '{\"api_key\":\"$key_a\"}' | jq -r .token)"
echo "  curl -X PUT --data-binary 'hello' http://127.0.0.1:$port_b/files/hello.txt -H \"Authorization: Bearer \$TOKEN\""
echo "  curl http://127.0.0.1:$port_c/files/hello.txt -H \"Authorization: Bearer \$TOKEN\""
echo "Ctrl+C stops the cluster."
wait -n "${pids[@]}" || true
echo "A process of the cluster exited; stopping the others." >&2
