#!/bin/sh
# npm-ci.sh - install the playground's npm packages (tools/playground/
# package-lock.json: v86 and playwright-core) into tools/playground/
# node_modules with `npm ci`, once: the stamp node_modules/.pebbles-ci is
# newer than package.json and package-lock.json when they are in (and
# the files used are there: a half-deleted node_modules is installed anew).
#
# Safe when several makes run at once (make test and make test CC=clang
# in one checkout build in different directories but share node_modules):
# one holds tools/playground/.npm-ci.lock and installs, the others wait
# for it and then find the stamp fresh.  Never downloads a browser:
# playwright-core has none, install scripts are not run, and the tests use
# Debian's /usr/bin/chromium.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
stamp=$dir/node_modules/.pebbles-ci

# The stamp, newer than both files, and the packages' files the build uses.
fresh() {
    [ -f "$stamp" ] && [ "$stamp" -nt "$dir/package.json" ] && [ "$stamp" -nt "$dir/package-lock.json" ] &&
        [ -f "$dir/node_modules/v86/build/libv86.mjs" ] && [ -f "$dir/node_modules/v86/build/v86.wasm" ] &&
        [ -f "$dir/node_modules/playwright-core/index.mjs" ]
}

fresh && exit 0
exec 9>>"$dir/.npm-ci.lock"
flock 9
fresh && exit 0
echo "  NPM CI  tools/playground (v86, playwright-core)"
cd "$dir"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
touch "$stamp"
