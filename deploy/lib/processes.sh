# Sourced by deploy/local-cluster.sh and deploy/monitoring.sh: the data directory, the node processes and their
# cleanup, and the build, shared by both.
#
#   aeordb_workdir NAME        sets $dir (a new temp directory named after NAME unless $dir is already set, in which
#                              case it is kept at exit) and installs the EXIT/INT/TERM cleanup
#   aeordb_build ROOT          builds the silo in Release and sets $dll
#   aeordb_start NAME PORT URL ARGS...
#                              starts `aeordb start ARGS...` in $dir/NAME with its output in $dir/NAME.log, waits until
#                              URL (a health route) answers 2xx and the node printed its start-up block
#   aeordb_root_key NAME       the first root API key NAME printed in its log
# Callers may define aeordb_extra_cleanup, which the cleanup calls before removing the directory.

pids=()
keep_dir=true

aeordb_cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if declare -F aeordb_extra_cleanup >/dev/null; then aeordb_extra_cleanup; fi
  if [ "$keep_dir" = false ]; then rm -rf "$dir"; fi
}

aeordb_workdir() {
  if [ -z "${dir:-}" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/aeordb-$1.XXXXXX")
    keep_dir=false
  fi
  mkdir -p "$dir"
  trap aeordb_cleanup EXIT
  trap 'exit 130' INT TERM
}

aeordb_build() {
  echo "Building aeordb..." >&2
  dotnet build "$1/Silo/Silo.csproj" -c Release -nologo -v quiet >&2
  dll="$1/Silo/bin/Release/net10.0/aeordb.dll"
}

aeordb_start() {
  local name=$1 port=$2 url=$3
  shift 3
  mkdir -p "$dir/$name"
  (cd "$dir/$name" && exec dotnet "$dll" start --host 127.0.0.1 --port "$port" --advertise-url "http://127.0.0.1:$port" "$@") \
    >"$dir/$name.log" 2>&1 &
  pids+=($!)
  local deadline=$((SECONDS + 180))
  until curl -sf "$url" >/dev/null 2>&1; do
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

aeordb_root_key() { grep -o 'aeor_k_[0-9a-f]\{16\}_[0-9a-f]\{64\}' "$dir/$1.log" | head -n 1 || true; }
