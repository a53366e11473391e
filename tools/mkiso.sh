#!/bin/sh
# mkiso.sh OUT.iso KERNEL INITRD [CMDLINE] - a bootable CD / USB-stick image.
#
# grub-mkrescue (Debian's grub-pc-bin, grub-common, xorriso) makes a BIOS
# El Torito CD that is also an MBR disk image, so the same file boots from
# a CD, from QEMU's -cdrom and Bochs, and written to a USB stick.  It holds
# /boot/kernel.elf, /boot/initrd.cpio (the RAM disk, a Multiboot module)
# and /boot/grub/grub.cfg, copied from tools/iso/grub.cfg, where the
# kernel command line is kept.  CMDLINE, if given, replaces that command
# line in this image only (tests/harness/bochs.py --survey boots each test
# program as init this way).  No fonts, locales or themes: GRUB stays in
# the VGA text mode the kernel writes to.
#
# Reproducible: grub-mkrescue stamps the current time on the volume and on
# every file (it passes --modification-date itself, and ignores
# SOURCE_DATE_EPOCH); the native xorriso commands after "--" set both to
# $SOURCE_DATE_EPOCH instead (default: the time of the last commit), so
# the same inputs give the same bytes.  Written to a temporary name, then
# renamed: a reader never sees half an image.
set -e
[ $# -ge 3 ] || { echo "usage: $0 OUT.iso KERNEL INITRD [CMDLINE]" >&2; exit 2; }
out=$1 kernel=$2 initrd=$3
cfg=$(dirname "$0")/iso/grub.cfg
grep -q '^ *multiboot /boot/kernel.elf' "$cfg" || { echo "$cfg: no multiboot line" >&2; exit 1; }

epoch=${SOURCE_DATE_EPOCH:-$(git -C "$(dirname "$0")" log -1 --format=%ct 2>/dev/null || echo 0)}
stamp=$(date -u -d "@$epoch" +%Y%m%d%H%M%S00) # ECMA-119: YYYYMMDDhhmmsscc, GMT

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pebbles-iso.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/boot/grub"
cp "$kernel" "$tmp/root/boot/kernel.elf"
cp "$initrd" "$tmp/root/boot/initrd.cpio"
if [ $# -ge 4 ]; then
    # ENVIRON, not -v: the command line is taken as it is, backslashes too
    CMDLINE=$4 awk '/^ *multiboot \/boot\/kernel.elf/ {
        $0 = substr($0, 1, index($0, "kernel.elf") + 9) " " ENVIRON["CMDLINE"] } { print }' \
        "$cfg" > "$tmp/root/boot/grub/grub.cfg"
else
    cp "$cfg" "$tmp/root/boot/grub/grub.cfg"
fi
if ! grub-mkrescue -o "$out.tmp.$$" --fonts= --locales= --themes= "$tmp/root" -- \
        -volume_date uuid "$stamp" -volume_date all_file_dates "$stamp" >"$tmp/log" 2>&1; then
    cat "$tmp/log" >&2
    rm -f "$out.tmp.$$"
    exit 1
fi
mv -f "$out.tmp.$$" "$out"
