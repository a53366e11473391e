#!/bin/sh
# unused-functions.sh - fail if a function defined in kern/ is called by
# nothing: no kernel code, no user program or library, no host unit test.
# cppcheck's unusedFunction looks at every C file at once, so a function
# used only through a table (the syscall table, ktests) counts as used; it
# does not read assembly, so what only assembly calls is in
# tools/lint/unused-functions.allow, with the reason.
set -eu
cd "$(dirname "$0")/../.."
allow=tools/lint/unused-functions.allow
out=$(cppcheck --quiet --enable=unusedFunction --suppress=missingIncludeSystem \
    -D__i386__ -Iinclude -Ikern -I. -Iuser/include kern lib user tests/unit 2>&1 |
    grep '\[unusedFunction\]' | grep '^\(kern\|lib\)/' || true)
bad=$(printf '%s\n' "$out" | while read -r where rest; do
    [ -n "$where" ] || continue
    name=$(printf '%s\n' "$rest" | sed -n "s/.*The function '\([^']*\)' is never used.*/\1/p")
    grep -q "^$name[[:space:]]" "$allow" || printf '%s %s is called by nothing\n' "$where" "$name"
done)
# An entry that is called after all is stale: drop it from the list.
stale=$(grep -v '^#' "$allow" | while read -r name reason; do
    [ -n "$name" ] || continue
    printf '%s\n' "$out" | grep -q "The function '$name' is never used" ||
        printf '%s: %s is used now; remove it from the list\n' "$allow" "$name"
done)
if [ -n "$bad$stale" ]; then
    [ -z "$bad" ] || printf '%s\n' "$bad"
    [ -z "$stale" ] || printf '%s\n' "$stale"
    echo "unused-functions: remove the dead code, or list it with the reason in $allow" >&2
    exit 1
fi
