#!/usr/bin/env bash
# The W3C Nu HTML Checker (vnu-jar from npm, run with the installed Java) on every public
# page template, in Danish and in English, plus the API documentation: any error fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.local/bin:$PATH"

VNU_VERSION=26.9.27
tools=${ALMEN_CI_TOOLS:-$HOME/.cache/almen-ci}/vnu-$VNU_VERSION
vnu_jar="$tools/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$vnu_jar" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent "vnu-jar@$VNU_VERSION" >/dev/null
fi
java -version >/dev/null 2>&1 || { echo "Java is required for the Nu checker" >&2; exit 1; }

source .ci/lib/portal.sh
portal_start

pages_dir="$WORK/pages"
mkdir -p "$pages_dir"
index=0
for path in $(public_pages da) $(public_pages en) /api/docs/; do
  index=$((index + 1))
  file="$pages_dir/$(printf '%02d' "$index")$(echo "$path" | tr '/?=' '___' | cut -c1-60).html"
  # A 404 page is checked too, so the status code is not an error here.
  status=$(curl -sS -o "$file" -w '%{http_code}' "$PORTAL_URL$path")
  case "$status" in
    200|404) ;;
    *) echo "GET $path answered $status" >&2; exit 1 ;;
  esac
  echo "$status $path"
done

java -jar "$vnu_jar" --errors-only --format gnu "$pages_dir"/*.html
echo "Nu HTML Checker: no errors in $index pages."
