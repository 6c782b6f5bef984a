#!/usr/bin/env bash
# The docker-compose processes started directly (Docker does not run here): gunicorn with
# production settings, a Celery worker and beat, all on PostgreSQL and Redis. Each must start
# and answer; then they are stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

db=almen_ci_processes
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
export REDIS_URL="redis://127.0.0.1:6379/13"
export DEBUG=false
export SECRET_KEY="ci-processes-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
export ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false
export EMAIL_URL="smtp://127.0.0.1:2599"

uv run manage.py migrate --noinput -v0
uv run manage.py load_content
uv run manage.py collectstatic --noinput -v0
SECURE_SSL_REDIRECT=true uv run manage.py check --deploy --fail-level WARNING

uv run gunicorn almen.wsgi:application --bind 127.0.0.1:8105 --workers 2 >"$work/web.log" 2>&1 &
pids+=($!)
uv run celery -A almen worker --loglevel=info --concurrency=1 --hostname "ci@%h" >"$work/worker.log" 2>&1 &
pids+=($!)
uv run celery -A almen beat --loglevel=info --schedule "$work/beat-schedule" >"$work/beat.log" 2>&1 &
pids+=($!)

ok=""
for _ in $(seq 1 60); do
  if curl -fsS http://127.0.0.1:8105/healthz >/dev/null 2>&1; then ok=1; break; fi
  sleep 1
done
[ -n "$ok" ] || { echo "gunicorn did not answer"; cat "$work/web.log"; exit 1; }
for path in / /maal/ /kommuner/ /api/v1/ /api/schema/ /api/docs/; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:8105$path")
  echo "GET $path -> $code"
  [ "$code" = 200 ] || { cat "$work/web.log"; exit 1; }
done

# The worker boots while gunicorn does (two cores): wait for it to say it is ready, then
# ask it over the broker, which proves it consumes from Redis.
for _ in $(seq 1 60); do
  grep -q "ready\." "$work/worker.log" && break
  sleep 1
done
grep -q "ready\." "$work/worker.log" || { echo "worker did not start"; cat "$work/worker.log"; exit 1; }
uv run celery -A almen inspect ping --timeout 20 | tee "$work/ping.txt"
grep -q "pong" "$work/ping.txt" || { cat "$work/worker.log"; exit 1; }

for _ in $(seq 1 30); do
  grep -q "beat: Starting" "$work/beat.log" && break
  sleep 1
done
grep -q "beat: Starting" "$work/beat.log" || { echo "beat did not start"; cat "$work/beat.log"; exit 1; }
sleep 3
if ! kill -0 "${pids[2]}" 2>/dev/null; then echo "beat died"; cat "$work/beat.log"; exit 1; fi
echo "gunicorn, worker and beat run on PostgreSQL and Redis"
