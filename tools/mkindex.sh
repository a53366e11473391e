#!/bin/sh
# mkindex.sh OUT PROGRAM-SOURCE... -- TEST-SOURCE... - write the RAM disk's
# index of programs, programs.txt, which the shell's `help` and `ls` read:
#     p<TAB>name<TAB>args<TAB>what      a program of user/progs/
#     t<TAB>name                        a test program of user/tests/
# A program's args and what are the two strings of its one PROGRAM_USAGE
# line (user/include/usage.h), the same ones its -h prints; a program
# without one fails the build.  Written to a temporary file, then renamed.
set -e
out=$1; shift
tmp=$(mktemp "$out.tmp.XXXXXX")
trap 'rm -f "$tmp"' EXIT
kind=p
for f in "$@"; do
    if [ "$f" = "--" ]; then kind=t; continue; fi
    name=$(basename "$f"); name=${name%.*}
    if [ $kind = t ]; then
        printf 't\t%s\n' "$name" >> "$tmp"
        continue
    fi
    line=$(sed -n 's/^PROGRAM_USAGE("\([^"]*\)", "\([^"]*\)");$/\1\t\2/p' "$f")
    if [ -z "$line" ] || [ "$(printf '%s\n' "$line" | wc -l)" -ne 1 ]; then
        echo "$f: needs one line PROGRAM_USAGE(\"args\", \"what it does\"); (user/include/usage.h)" >&2
        exit 1
    fi
    printf 'p\t%s\t%s\n' "$name" "$line" >> "$tmp"
done
chmod 644 "$tmp"
mv -f "$tmp" "$out"
