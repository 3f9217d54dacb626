#!/usr/bin/env bash
# Installs headless Chromium for the serve page's browser tests (PageInBrowserTest): Debian's
# chromium and chromium-driver packages, never a browser a tool downloads by itself. Idempotent: a
# second run that finds both does nothing. Called by .ci/run, which runs as root; elsewhere it uses
# sudo. Without them the tests are skipped, saying so, except where HANDWRITTEN_REQUIRE_BROWSER is
# set (as .ci/run sets it).
set -euo pipefail

if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  echo "install-browser: $(chromium --version 2>/dev/null) and $(chromedriver --version | cut -d' ' -f1-2) already installed"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  chromium chromium-driver >/dev/null
echo "install-browser: installed $(chromium --version 2>/dev/null) and $(chromedriver --version | cut -d' ' -f1-2)"
