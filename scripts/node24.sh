#!/usr/bin/env bash
# Lambda runs Node.js 24, so the suite must too. When the machine's node is older, this installs Node 24
# from the npm registry's `node` package into .tools/node24 (outside node_modules, so `npm ci` keeps it)
# and prints the folder to put first on PATH (scripts/on-node24.sh runs a command that way).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
want=24
have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$have" -ge "$want" ]; then
  dirname "$(command -v node)"
  exit 0
fi
prefix="$root/.tools/node$want"
bin="$prefix/node_modules/node/bin"
if ! "$bin/node" --version >/dev/null 2>&1; then
  echo "installing Node.js $want from the npm registry into $prefix" >&2
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$prefix" "node@$want" >&2
fi
"$bin/node" --version >&2
echo "$bin"
