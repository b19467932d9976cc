#!/usr/bin/env bash
# Runs a command on Node.js 24 (Lambda's runtime), installing it first when the machine's node is older.
set -euo pipefail
PATH="$("$(dirname "$0")/node24.sh"):$PATH"
export PATH
exec "$@"
