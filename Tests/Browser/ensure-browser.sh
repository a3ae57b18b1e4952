#!/usr/bin/env bash
# Installs what the browser check needs when it is missing: Debian's chromium, chromium-driver and
# poppler-utils (pdftotext, for the print check); from PyPI selenium, nbformat and the axe-core
# 4.12 build that the axe-playwright-python 0.1.8 wheel ships (taken without its dependencies:
# only its axe.min.js is used).
set -euo pipefail
cd "$(dirname "$0")"
missing=()
for p in chromium chromium-driver poppler-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
python3 -c "import selenium, nbformat" 2>/dev/null || python3 -m pip install -q -r requirements.txt
python3 -c "import axe_playwright_python" 2>/dev/null || python3 -m pip install -q --no-deps axe-playwright-python==0.1.8
