#!/usr/bin/env bash
# Lighthouse (npm, run with Debian's Chromium) on every public page template in Danish and
# English and on /api/docs/: accessibility and best practices must both score 100.
#
# The 404 page is audited too (--ignore-status-code). Chromium logs the page's own 404
# status to the console, which costs "errors-in-console" points on any 404 page whatever
# its content; that one message, about the page's own address, is the only thing let
# through, and only when it is the sole reason for a score below 100.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.local/bin:$PATH"

LIGHTHOUSE_VERSION=13.5.0
tools=${ALMEN_CI_TOOLS:-$HOME/.cache/almen-ci}/lighthouse-$LIGHTHOUSE_VERSION
lighthouse="$tools/node_modules/.bin/lighthouse"
if [ ! -x "$lighthouse" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

source .ci/lib/portal.sh
portal_start

failed=0
for path in $(public_pages da) $(public_pages en) /api/docs/; do
  report="$WORK/lighthouse.json"
  if ! "$lighthouse" "$PORTAL_URL$path" \
    --only-categories=accessibility,best-practices \
    --ignore-status-code \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --output=json --output-path="$report" --quiet >/dev/null 2>"$WORK/lighthouse.err"; then
    echo "FAIL $path: Lighthouse did not run" >&2
    tail -n 20 "$WORK/lighthouse.err" >&2
    failed=1
    continue
  fi
  python3 .ci/lib/lighthouse_scores.py "$path" "$report" || failed=1
done
exit "$failed"
