#!/usr/bin/env bash
# Runs the whole suite on another Node.js major, taken from the npm registry's `node` package, in a
# copy of the repo with its own node_modules, native modules rebuilt for that Node.
#
# Only registry packages are downloaded. `node-<platform>-<arch>` is the release tarball as a registry
# package, headers (include/node) included; node-gyp compiles against them (npm_config_nodedir)
# instead of fetching headers from nodejs.org, which is out of reach. better-sqlite3's prebuilt
# binaries live on GitHub, also out of reach, so it builds from source; @serialport/bindings-cpp and
# node-hid load the N-API prebuilds shipped inside their packages.
#
# HEADERS picks the release whose headers better-sqlite3 is compiled against. Node 24.19 changed the
# inline node::ObjectWrap in node_object_wrap.h: better-sqlite3 12.x compiled against 24.19+ headers
# aborts when a Statement is collected after its environment is gone (`Assertion failed: (env) !=
# nullptr` in RemoveEnvironmentCleanupHook, nodejs/node#65446), whatever 24.x runs it; built against
# earlier 24.x headers, as its published prebuilt binaries are, it runs cleanly on the latest 24.x.
# better-sqlite3 13 fixes it but needs Node >= 22, and we still support 20.
#
# Usage: suite-on-node.sh MAJOR WORKDIR [HEADERS]   (WORKDIR: this CI run's directory, removed by the
# caller; the npm ci log is left there as npm-ci-nodeMAJOR.log for scripts/ci/npm-warnings.sh)
set -euo pipefail
major="$1"
work="$2"
headers="${3:-$major}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
runtime="$work/node$major"
copy="$work/repo-node$major"
tmp="$work/tmp-node$major"
# 0755 all the way: the permission tests run this node and read this copy as `nobody`.
mkdir -p "$runtime" "$copy"
mkdir -m 0755 "$tmp"
chmod 0755 "$work" "$runtime" "$copy"

echo "ci: installing Node.js $major from the npm registry into $runtime"
platform_pkg="$(node -p '`node-${process.platform}-${process.arch}`')"
cat >"$runtime/package.json" <<JSON
{
  "private": true,
  "allowScripts": { "node": true },
  "dependencies": { "node": "^$major", "$platform_pkg": "$headers" }
}
JSON
(cd "$runtime" && npm install --no-audit --no-fund --loglevel=error)
node_bin="$runtime/node_modules/node/bin"
version="$("$node_bin/node" --version)"
case "$version" in
  "v$major".*) ;;
  *) echo "ci: expected Node.js $major, got $version" >&2; exit 1 ;;
esac
dist="$runtime/node_modules/$platform_pkg"
if ! grep -q "define NODE_MAJOR_VERSION $major\$" "$dist/include/node/node_version.h"; then
  echo "ci: no Node.js $major headers in $dist/include/node" >&2
  exit 1
fi

echo "ci: copying the repo into $copy"
tar -C "$repo" --exclude=./node_modules --exclude=./test-output --exclude=./.zte-demo --exclude=./dist -cf - . |
  tar -C "$copy" -xf -

# The seed documents sit beside the repo (../shared); keep that layout for the copy.
if [ -d "$repo/../shared" ] && [ ! -e "$work/shared" ]; then ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"; fi

cd "$copy"
export PATH="$node_bin:$PATH" npm_config_nodedir="$dist"
echo "ci: Node.js $(node --version), npm $(npm --version), native modules built against $platform_pkg@$headers"
npm ci --no-audit --no-fund --prefer-offline 2>&1 | tee "$work/npm-ci-node$major.log" # checked by the caller
node -e "require('better-sqlite3')(':memory:').close()" # fails here, not in 200 tests, if the build is wrong
status=0
TMPDIR="$tmp" npm test || status=1
node scripts/ci-summary.mjs test-output/junit.xml
node scripts/ci/check-temp-leftovers.mjs "$tmp" || status=1
exit $status
