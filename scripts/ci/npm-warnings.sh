#!/usr/bin/env bash
# Fails when an `npm ci` log holds a warning about this project: an engine a locked package refuses
# (EBADENGINE), install scripts not approved in package.json's allowScripts, or anything else npm
# warns about, except a deprecation notice (a registry may add one to a locked version at any time).
# Run after the suites, so a warning does not hide the test results.  Usage: npm-warnings.sh LOG...
set -euo pipefail
status=0
for log in "$@"; do
  if grep -E '^npm (warn|WARN) ' "$log" | grep -v -E '^npm (warn|WARN) deprecated '; then
    echo "ci: npm ci warned about this project ($log, lines above): see README 'Node.js versions, install, CI'" >&2
    status=1
  fi
done
exit $status
