#!/bin/sh
# mkramdisk.sh OUT FILE... - pack FILEs (by base name) into a cpio "newc"
# archive, the RAM disk the kernel receives as a Multiboot module.  A later
# FILE replaces an earlier one of the same name (outside programs come last).
# Reproducible: sorted names, fixed owner and times.  ELF files are
# stripped of debug information to keep the image small.  Atomic: staged
# in a private directory, written to a private temporary file and renamed
# onto OUT, so a reader (or a concurrent build) never sees half an image.
set -e
out=$1; shift
stage=$(mktemp -d "$out.stage.XXXXXX")
tmp=$(mktemp "$out.tmp.XXXXXX")
trap 'rm -rf "$stage" "$tmp"' EXIT
for f in "$@"; do
    dst="$stage/$(basename "$f")"
    # Programs lose their debug sections (gdb reads build/bin/ instead).
    # (a file that only looks like ELF, e.g. a test's corrupt one, is kept as is)
    if ! head -c 4 "$f" | grep -q ELF || ! objcopy --strip-debug "$f" "$dst" 2>/dev/null; then
        cp "$f" "$dst"
    fi
done
touch -d @0 "$stage"/* 2>/dev/null || true
(cd "$stage" && ls -1 | LC_ALL=C sort | cpio --quiet -o -H newc --owner=0:0 --reproducible) > "$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$out"
