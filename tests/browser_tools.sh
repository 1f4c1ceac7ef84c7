#!/usr/bin/env bash
# Installs what the browser accessibility tests need: Debian's chromium (root only),
# and axe-core + the Nu HTML Checker from npm into .cache/npm (Java 17 runs the checker),
# with Sveltia CMS for its configuration schema (tests/test_cms.py).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v java >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium default-jre-headless >/dev/null
  else
    echo "Install chromium (and Java 17) with your package manager, then run this again." >&2
    exit 1
  fi
fi
mkdir -p .cache/npm
npm install --prefix .cache/npm --no-audit --no-fund --ignore-scripts --silent \
  axe-core@4 vnu-jar @sveltia/cms@0.221.1
