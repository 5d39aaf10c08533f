#!/usr/bin/env bash
# The main job on the bundled statements/: status, check, a classified diff of an example edit,
# a publish in a scratch copy, and the built site with its banner.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
kp="$repo/.venv/bin/kpversion"
scratch="$repo/build/demo"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '\033[2m$ kpversion %s\033[0m\n' "$*"; "$kp" "$@"; }

cd "$repo"
step "The bundled statements"
run status
run verify
step "Obligations (exit 3 means something needs attention)"
run check || true

step "A scratch copy to work in: $scratch"
rm -rf "$scratch" && mkdir -p "$scratch"
cp -r statements "$scratch/"
cd "$scratch"
git init -q -b main && git config user.name "Demo Editor" && git config user.email editor@example.org
git config commit.gpgsign false && git config tag.gpgsign false
git add -A && git commit -qm "Bundled statements"

step "An editor changes the draft"
draft=statements/privacy-statement/draft.md
python3 - "$draft" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace("We do not sell or rent", "We may sell or rent")
text = text.replace("- Name\n", "- Name\n- Precise geolocation\n")
text = text.replace('internet "cookies"', "internet \u201ccookies\u201d")
text = text.replace("kp-hires@kp.org", "privacy@kp.org")
open(path, "w", encoding="utf-8").write(text)
PY
run diff privacy-statement || true

today=$(date +%F)
effective=$(date -d "+30 days" +%F)
step "Publish it (the negation flip is blocked without an override)"
run publish privacy-statement --version "$today" --effective "$effective" \
  --summary "We now describe sale of visitor data and collect precise geolocation." || true
run publish privacy-statement --version "$today" --effective "$effective" \
  --summary "We now describe sale of visitor data and collect precise geolocation." \
  --override material --because "Counsel approved the new sale practice on 2026-11-20."
run log privacy-statement
git log --oneline -n 2 && git tag --list 'privacy-statement/*'

step "The notice, to post or to send"
run notice privacy-statement
run notice privacy-statement --format eml --base-url https://careers.example.org/policies/ \
  --from privacy@example.org -o "$scratch/notice.eml"
echo "wrote $scratch/notice.eml (kpversion sends nothing: hand it to your mail system)"

step "Build the site"
run build --out site
cat <<EOT

The site is in $scratch/site/. Open $scratch/site/index.html in a browser, or preview it
(with the banner, which fetches banner.json, so it needs http) by running:
  $kp --root "$scratch" serve --port 8000      # then open http://127.0.0.1:8000/
The banner for any page of your own site:
  <script src="http://127.0.0.1:8000/privacy-statement/banner.js" defer></script>
and its no-JavaScript fallback: $scratch/site/privacy-statement/banner.html
EOT
