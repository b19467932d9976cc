#!/usr/bin/env bash
# The browser tests drive Chromium. Playwright cannot download its own on machines without open
# internet, so CI installs Debian's `chromium` package when no Chromium is there yet.
# Respects MOTCUA_CHROMIUM (then nothing is installed) and looks in the paths of scripts/chromium-paths.txt,
# the list test/browser/support/chromium.ts reads too.
set -euo pipefail
if [ -n "${MOTCUA_CHROMIUM:-}" ]; then
  if [ -x "$MOTCUA_CHROMIUM" ]; then echo "Chromium: $MOTCUA_CHROMIUM (MOTCUA_CHROMIUM)"; exit 0; fi
  echo "MOTCUA_CHROMIUM is $MOTCUA_CHROMIUM, which is not an executable file" >&2
  exit 1
fi
paths_file="$(dirname "${BASH_SOURCE[0]}")/chromium-paths.txt"
while IFS= read -r candidate || [ -n "$candidate" ]; do
  case "$candidate" in '' | '#'*) continue ;; esac
  if [ -x "$candidate" ]; then echo "Chromium: $candidate"; exit 0; fi
done <"$paths_file"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found and no apt-get to install one: install Chromium, or run \`npx playwright-core install chromium\` where downloads work, or set MOTCUA_CHROMIUM." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "No Chromium found; installing Debian's chromium package needs root (or sudo without a password): run \`sudo apt-get install -y chromium\`, or set MOTCUA_CHROMIUM." >&2
  exit 1
fi
echo "No Chromium found: installing Debian's chromium package" >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
test -x /usr/bin/chromium
echo "Chromium: /usr/bin/chromium ($(/usr/bin/chromium --version 2>/dev/null || true))"
