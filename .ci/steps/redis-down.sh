#!/usr/bin/env bash
# With Redis stopped, gunicorn under production settings still serves the public pages and
# the API from the database, admin's login works, /healthz stays OK and /healthz/services
# says the cache and broker are unavailable; once Redis is back all is OK again. Uses a
# redis-server of its own (started and killed here), never the shared one.
set -euo pipefail
cd "$(dirname "$0")/../.."

redis_port=${REDIS_DOWN_REDIS_PORT:-6391}
web_port=${REDIS_DOWN_WEB_PORT:-8106}
db=${REDIS_DOWN_DB:-almen_ci_redis_down}
work=$(mktemp -d)
redis_pid=""
web_pid=""
cleanup() {
  [ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null || true
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT

redis_start() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
    >"$work/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 20); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return; sleep 0.5; done
  echo "redis-server did not start"; cat "$work/redis.log"; exit 1
}

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
export DEBUG=false SECURE_SSL_REDIRECT=false ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="ci-redis-down-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
unset EMAIL_URL CELERY_TASK_ALWAYS_EAGER

redis_start
uv run manage.py migrate --noinput -v0
uv run manage.py load_content >/dev/null
uv run manage.py collectstatic --noinput -v0
uv run gunicorn almen.wsgi:application --bind "127.0.0.1:$web_port" --workers 2 \
  >"$work/web.log" 2>&1 &
web_pid=$!
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$web_port/healthz" >/dev/null 2>&1 && break; sleep 1; done

pages="/ /maal/ /maal/2026-2028/ /kommuner/ /kommuner/kalundborg/ /en/maal/ /api/v1/
  /api/v1/programmes/2026-2028/ /api/v1/municipalities/326/profile/ /konto/login/"
# /konto/login/ is the sign-in page admin sends to (allauth); signing in with Redis down is
# tested in tests/core/test_cache_backends.py.
check() {
  for path in $pages; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$web_port$path")
    echo "  GET $path -> $code"
    [ "$code" = 200 ] || { echo "FAILED: $path with Redis $1"; tail -n 40 "$work/web.log"; exit 1; }
  done
}
services() {
  curl -s "http://127.0.0.1:$web_port/healthz/services"; echo
}

echo "Redis up:"; check up; services | tee "$work/up.json"
grep -q '"cache": "ok"' "$work/up.json"

kill "$redis_pid"; wait "$redis_pid" 2>/dev/null || true; redis_pid=""
echo "Redis stopped:"; check down; services | tee "$work/down.json"
grep -q '"status": "degraded"' "$work/down.json"
grep -q '"cache": "unavailable"' "$work/down.json"
grep -q '"broker": "unavailable"' "$work/down.json"
curl -fsS "http://127.0.0.1:$web_port/healthz" >/dev/null

redis_start
sleep 3  # the cache's retry pause
echo "Redis back:"; check back; services | tee "$work/back.json"
grep -q '"cache": "ok"' "$work/back.json"
echo "pages, API and admin served with Redis stopped"
