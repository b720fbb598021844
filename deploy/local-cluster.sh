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

keep_dir=true
if [ -z "$dir" ]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/aeordb-local-cluster.XXXXXX")
  keep_dir=false
fi
mkdir -p "$dir"

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if declare -F aeordb_postgres_stop >/dev/null; then aeordb_postgres_stop; fi
  if [ "$keep_dir" = false ]; then rm -rf "$dir"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building aeordb..." >&2
dotnet build "$root/Silo/Silo.csproj" -c Release -nologo -v quiet >&2
dll="$root/Silo/bin/Release/net10.0/aeordb.dll"

if [ "$postgres" = true ] && [ -z "$cluster_db" ]; then
  # The test suite's throwaway server: initdb into a temp dir, a free loopback port, stopped in cleanup.
  unset AEORDB_TEST_POSTGRES
  # shellcheck source=../.ci/postgres
  source "$root/.ci/postgres"
  cluster_db=$AEORDB_TEST_POSTGRES
fi

# Peers settle and sync within seconds rather than the production minutes (heartbeats every second, not 15).
fast=(--heartbeat-interval-ms 1000 --honeymoon-max-jitter-ms 500 --sync-interval-ms 5000)

# start NAME PORT ARGS...: starts one process with its output in DIR/NAME.log and waits until it is healthy.
start() {
  local name=$1 port=$2
  shift 2
  mkdir -p "$dir/$name"
  (cd "$dir/$name" && exec dotnet "$dll" start --host 127.0.0.1 --port "$port" --advertise-url "http://127.0.0.1:$port" "${fast[@]}" "$@") \
    >"$dir/$name.log" 2>&1 &
  pids+=($!)
  local deadline=$((SECONDS + 180))
  until curl -sf "http://127.0.0.1:$port/system/health" 2>/dev/null | grep -q '"healthy"'; do
    if ! kill -0 "${pids[-1]}" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      echo "$name did not start; its log:" >&2
      tail -n 40 "$dir/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  # The key block follows the health check closely; wait for the rest of the start-up output.
  until grep -q '^Listening on' "$dir/$name.log"; do sleep 0.2; done
}

root_key() { grep -o 'aeor_k_[0-9a-f]\{16\}_[0-9a-f]\{64\}' "$dir/$1.log" | head -n 1 || true; }

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
