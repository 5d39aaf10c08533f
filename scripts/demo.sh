#!/usr/bin/env bash
# The main job on the bundled statements/: status, verify, history, and the exact text.
set -euo pipefail
cd "$(dirname "$0")/.."
kp=".venv/bin/kpversion"
step() { printf '\n\033[1m$ kpversion %s\033[0m\n' "$*"; }

step status
$kp status
step verify
$kp verify
step log privacy-statement
$kp log privacy-statement
step "show privacy-statement@2023-01-24 (first lines)"
$kp show privacy-statement@2023-01-24 | sed -n 1,7p
