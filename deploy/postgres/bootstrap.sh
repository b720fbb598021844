#!/usr/bin/env bash
# Prepares a PostgreSQL server for a scale-out AeorDB node: a login role, a database it owns, and the Orleans
# schema (deploy/postgres/orleans.sql and aeordb-store.sql). Idempotent: run it again and nothing changes (a given password is reset).
# The silos also apply the schema at every start, so the last step only lets an operator check it up front.
#
#   deploy/postgres/bootstrap.sh [--role aeordb] [--database aeordb] [--password SECRET] [-- psql connection args]
#
# psql connects as a superuser (or a role with CREATEROLE and CREATEDB): by default as the local `postgres`
# user over the Unix socket (run as root or postgres); pass e.g. `-- -h db.internal -U admin` for another server.
# Prints the Npgsql connection string to give every silo as --cluster-db / AEORDB_CLUSTER_DB.
set -euo pipefail

role=aeordb
database=aeordb
password=""
psql_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --role) role=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    --password) password=$2; shift 2 ;;
    --) shift; psql_args=("$@"); break ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bootstrap.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

for name in "$role" "$database"; do
  if ! [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]]; then
    echo "bootstrap.sh: '$name' is not a plain lower-case SQL name" >&2
    exit 2
  fi
done

if [ -z "$password" ]; then
  password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
fi

here=$(cd "$(dirname "$0")" && pwd)
admin=(psql -v ON_ERROR_STOP=1 -q -X "${psql_args[@]}")
if [ ${#psql_args[@]} -eq 0 ] && [ "$(id -un)" = root ]; then
  admin=(runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q -X)
fi

# Role and database: CREATE only when missing (neither has IF NOT EXISTS; CREATE DATABASE cannot run in a DO block).
"${admin[@]}" -d postgres -v role="$role" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'role', :'password') \gexec
SQL
"${admin[@]}" -d postgres -v role="$role" -v database="$database" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'database') \gexec
SQL

# The schema belongs to the role, as the tables the silos create later (the object store's) will.
"${admin[@]}" -d "$database" -v role="$role" <<'SQL'
SELECT format('ALTER SCHEMA public OWNER TO %I', :'role') \gexec
SQL
for script in "$here/orleans.sql" "$here/aeordb-store.sql"; do
  if ! output=$("${admin[@]}" -d "$database" -1 -c "SET ROLE \"$role\"" -f "$script" 2>&1); then
    echo "$output" >&2
    exit 1
  fi
done

host=localhost
port=5432
for ((i = 0; i < ${#psql_args[@]}; i++)); do
  case "${psql_args[$i]}" in
    -h|--host) host=${psql_args[$((i + 1))]} ;;
    -p|--port) port=${psql_args[$((i + 1))]} ;;
  esac
done
echo "Host=$host;Port=$port;Database=$database;Username=$role;Password=$password"
