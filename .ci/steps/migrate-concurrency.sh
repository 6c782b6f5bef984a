#!/usr/bin/env bash
# Two `manage.py migrate` started at the same moment on a fresh PostgreSQL database (two
# containers starting at once) must both succeed: the migrate command holds an advisory
# lock (almen/core/management/commands/migrate.py). Run three times.
set -euo pipefail
cd "$(dirname "$0")/../.."

db=${MIGRATE_TEST_DB:-almen_ci_migrate}
work=$(mktemp -d)
trap 'rm -rf "$work"; psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
unset REDIS_URL

for round in 1 2 3; do
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  uv run manage.py migrate --noinput -v0 >"$work/a.log" 2>&1 & a=$!
  uv run manage.py migrate --noinput -v0 >"$work/b.log" 2>&1 & b=$!
  status=0
  wait "$a" || { echo "first migrate failed"; cat "$work/a.log"; status=1; }
  wait "$b" || { echo "second migrate failed"; cat "$work/b.log"; status=1; }
  [ "$status" -eq 0 ] || exit 1
  uv run manage.py migrate --check -v0
  echo "round $round: two concurrent migrate runs succeeded"
done
