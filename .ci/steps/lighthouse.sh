#!/usr/bin/env bash
# Lighthouse (npm, run with Debian's Chromium) on every public page template in Danish and
# English and on /api/docs/: accessibility and best practices must both score 100. The 404
# page is a page too (--ignore-status-code lets Lighthouse audit it).
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
  "$lighthouse" "$PORTAL_URL$path" \
    --only-categories=accessibility,best-practices \
    --ignore-status-code \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --output=json --output-path="$report" --quiet >/dev/null 2>"$WORK/lighthouse.err" || {
      echo "FAIL $path: Lighthouse did not run" >&2
      tail -n 20 "$WORK/lighthouse.err" >&2
      failed=1
      continue
    }
  python3 - "$path" "$report" <<'PY' || failed=1
import json
import sys

path, report = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
scores = {key: category["score"] for key, category in report["categories"].items()}
line = " ".join(f"{key}={round((score or 0) * 100)}" for key, score in scores.items())
if all(score == 1 for score in scores.values()):
    print(f"ok   {path}: {line}")
    sys.exit(0)
print(f"FAIL {path}: {line}")
for category in report["categories"].values():
    for ref in category["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
            print(f"     {ref['id']}: {audit['title']}")
            for item in (audit.get("details") or {}).get("items", [])[:5]:
                node = item.get("node") or {}
                print(f"       {node.get('snippet') or item.get('description') or item}")
sys.exit(1)
PY
done
exit "$failed"
