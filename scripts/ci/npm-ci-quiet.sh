#!/usr/bin/env bash
# `npm ci` that fails when npm warns about this project: an engine the lockfile's packages refuse
# (EBADENGINE), install scripts not approved in package.json's allowScripts, or anything else npm
# warns about, except a deprecation notice a registry may add to a locked version at any time.
# Usage: npm-ci-quiet.sh LOGFILE [npm ci args...]
set -euo pipefail
log="$1"
shift
npm ci --no-audit --no-fund "$@" 2>&1 | tee "$log"
if grep -E '^npm (warn|WARN)' "$log" | grep -v -E '^npm (warn|WARN) deprecated ' >/dev/null; then
  echo "ci: npm ci printed warnings about this project (above): fix package.json, see README 'Install'" >&2
  exit 1
fi
