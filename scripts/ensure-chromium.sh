#!/usr/bin/env bash
# The settings page's browser test drives Debian's Chromium through playwright-core (never a
# browser build downloaded by Playwright). Installs it when missing; a no-op when present.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "ensure-chromium: /usr/bin/chromium is missing and neither root nor sudo is available to install it" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium (used by the settings page browser test)"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y --no-install-recommends chromium
