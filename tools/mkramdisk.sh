#!/bin/sh
# mkramdisk.sh OUT FILE... - pack FILEs (by base name) into a cpio "newc"
# archive, the RAM disk the kernel receives as a Multiboot module.
# Reproducible: sorted names, fixed owner and times.
set -e
out=$1; shift
stage=$(dirname "$out")/ramdisk
rm -rf "$stage"; mkdir -p "$stage"
for f in "$@"; do cp "$f" "$stage/$(basename "$f")"; done
touch -d @0 "$stage"/* 2>/dev/null || true
(cd "$stage" && ls -1 | LC_ALL=C sort | cpio --quiet -o -H newc --owner=0:0 --reproducible) > "$out.tmp"
mv "$out.tmp" "$out"
