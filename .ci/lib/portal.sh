# Shared by the front-end checks (.ci/steps/html-validation.sh, .ci/steps/lighthouse.sh):
# start the demo portal on a throwaway SQLite database and list every public page
# template. Source it from the repository root; it sets PORTAL_URL, PACK_PATH and WORK and
# stops the portal on exit.
#
# The demo serves like production as far as visitors can tell (DEBUG off: the portal's own
# error pages), with the demo content and a councillor's personal welcome-pack link.
# ALMEN_CHECK_PORT picks the port (a developer's own range); by default a free one.

WORK=$(mktemp -d)
portal_server=""
portal_stop() {
  if [ -n "$portal_server" ]; then
    kill -- "-$portal_server" 2>/dev/null || kill "$portal_server" 2>/dev/null || true
    wait "$portal_server" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap portal_stop EXIT

portal_start() {
  local port=${ALMEN_CHECK_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  PORTAL_URL="http://127.0.0.1:$port"
  # setsid: the server gets its own process group, stopped as a whole on exit.
  env -u REDIS_URL -u EMAIL_URL -u PORTAL_BASE_URL DEBUG=true \
    DATABASE_URL="sqlite:///$WORK/portal.sqlite3" \
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend" \
    setsid uv run manage.py demo --port "$port" >"$WORK/portal.log" 2>&1 &
  portal_server=$!
  for _ in $(seq 1 120); do
    curl -fsS "$PORTAL_URL/healthz" >/dev/null 2>&1 && break
    kill -0 "$portal_server" 2>/dev/null || break
    sleep 1
  done
  if ! curl -fsS "$PORTAL_URL/healthz" >/dev/null 2>&1; then
    echo "The portal did not start:" >&2
    cat "$WORK/portal.log" >&2
    return 1
  fi
  PACK_PATH=$(grep -o "$PORTAL_URL/velkommen/[^ ]*/" "$WORK/portal.log" | head -n1 | sed "s|$PORTAL_URL||")
  if [ -z "$PACK_PATH" ]; then
    echo "The demo printed no welcome-pack link:" >&2
    cat "$WORK/portal.log" >&2
    return 1
  fi
}

# Every public page template once, in Danish; public_pages en gives the English ones.
public_pages() {
  local prefix=""
  [ "${1:-da}" = "en" ] && prefix="/en"
  printf '%s\n' \
    "$prefix/" \
    "$prefix/om-portalen/" \
    "$prefix/privatlivspolitik/" \
    "$prefix/tilgaengelighedserklaering/" \
    "$prefix/maal/" \
    "$prefix/maal/2026-2028/" \
    "$prefix/maal/2026-2028/demokrati-og-levende-faellesskaber/" \
    "$prefix/maal/temaer/" \
    "$prefix/maal/temaer/klima-og-energi/" \
    "$prefix/maal/soeg/?q=klima" \
    "$prefix/maal/soeg/?q=zyxwv" \
    "$prefix/kommuner/" \
    "$prefix/kommuner/kalundborg/" \
    "$prefix/kommuner/aeroe/" \
    "$prefix$PACK_PATH" \
    "$prefix/findes-ikke/" \
    "$prefix/konto/login/" \
    "$prefix/api-for-partnere/"
}
