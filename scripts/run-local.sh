#!/usr/bin/env bash
# The main local run. Until the streaming job lands (issue 3) it runs the model demo: the quick
# reproduction of PA-DGN Table 1 (learned spatial derivatives against four baselines), writing
# results.json / results.md into --out (default runs/demo).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="runs/demo"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    *) echo "usage: scripts/run-local.sh [--out DIR]" >&2; exit 2 ;;
  esac
done
exec "$root/scripts/model.sh" reproduce derivatives --quick --out "$out"
