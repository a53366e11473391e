#!/bin/sh
# deps.sh check [build|format|lint|trace|playground] | install | print-libgcc | print-gcc-inc
#
# Makes sure the host tools are there by using each one the way the build
# does (never by asking the package database, which can claim a package
# that does not work, or miss a tool installed some other way):
#   build   $CC compiles a 32-bit freestanding object that needs libgcc (a
#           64-bit division), ld -m elf_i386 links it against the libgcc the
#           build uses and objcopy strips it; QEMU starts (binary, firmware,
#           monitor); a cmocka test compiles, links and runs as unit.mk
#           builds it (plain and with ASan/UBSan); cpio, python3, gdb (with
#           Python) and flock run; tools/mkiso.sh makes an ISO (grub-mkrescue,
#           GRUB's i386-pc files, xorriso) and mformat a FAT image (as
#           grub-mkrescue would for EFI); Bochs starts as the harness starts
#           it (bochs.py --probe: BIOS, VGA BIOS, the terminal GUI).  With
#           CC=clang, clang is proved too; the libgcc still comes from
#           gcc-multilib.
#   format  clang-format formats a file.
#   lint    cppcheck checks a file, python3 runs and nm reads an object
#           (make lint: tools/lint/).
#   trace   headless Chromium (/usr/bin/chromium) loads a local page and runs
#           its script, as the trace_export test renders build/trace/*.html
#           (a few seconds, so not part of the build check).
#   playground  (make playground, serve, test) node runs an ES module that
#           compiles WebAssembly, as v86 does; npm runs; chromium renders a
#           page headless, as the playground test drives it.
# `check` installs the packages of the failed probes when it can (root, or
# password-less sudo, and apt-get) and checks again; otherwise it prints
# the one command to run and fails.  `install` installs every package.
# print-libgcc / print-gcc-inc: what the Makefile links and includes (one
# definition, used by both the check and the build).
#
# Environment: CC (default gcc), HOST_CC (default gcc, the unit tests'),
# QEMU (default qemu-system-i386).
CC=${CC:-gcc}
HOST_CC=${HOST_CC:-gcc}
QEMU=${QEMU:-qemu-system-i386}
ISO_PKGS="grub-pc-bin grub-common xorriso mtools"
BOCHS_PKGS="bochs bochsbios vgabios bochs-term"
# bochs-x: make run-bochs BOCHS_DISPLAY=x (a window), never probed
ALL_PKGS="make gcc gcc-multilib binutils qemu-system-x86 cpio python3 libcmocka-dev gdb \
$ISO_PKGS $BOCHS_PKGS bochs-x clang clang-format cppcheck nodejs chromium"
here=$(dirname "$0")

print_libgcc() { "$CC" -m32 -print-libgcc-file-name; }
print_gcc_inc() { "$CC" -print-file-name=include; }

# The package that provides compiler $1 (gcc, clang, clang-14, ...).
compiler_pkg() {
    case "$(basename "$1")" in
    clang*) echo "$(basename "$1")" ;;
    *) echo gcc ;;
    esac
}

# A 32-bit freestanding object that needs libgcc, compiled like the user
# programs and linked like them (ld, not the compiler driver).
probe_cc() {
    cat > "$tmp/div.c" <<'EOF'
unsigned long long divide(unsigned long long a, unsigned long long b) { return a / b % 7; }
void _start(void) { for (;;) ; }
EOF
    "$CC" --version >/dev/null 2>&1 || { echo "$(compiler_pkg "$CC")"; return; }
    inc=$(print_gcc_inc 2>/dev/null)
    libgcc=$(print_libgcc 2>/dev/null)
    if ! "$CC" -m32 -std=gnu11 -ffreestanding -fno-pie -fno-pic -nostdinc -isystem "$inc" -O2 \
            -c "$tmp/div.c" -o "$tmp/div.o" >"$tmp/cc.log" 2>&1 ||
        ! ld -m elf_i386 -z noexecstack -e _start -o "$tmp/div.elf" "$tmp/div.o" "$libgcc" \
            >>"$tmp/cc.log" 2>&1; then
        # libgcc for -m32 comes with gcc-multilib, also under clang
        echo "$(compiler_pkg "$CC") gcc-multilib binutils"
        return
    fi
    objcopy --strip-debug "$tmp/div.elf" "$tmp/div.stripped" >/dev/null 2>&1 || echo binutils
}

# QEMU starts stopped (-S), which loads its firmware; the monitor quits it.
probe_qemu() {
    echo quit | timeout 60 "$QEMU" -display none -S -monitor stdio -nic none -no-reboot \
        >"$tmp/qemu.log" 2>&1 || echo qemu-system-x86
}

# A cmocka test built the way tests/unit/unit.mk builds one, and run.
probe_cmocka() {
    cat > "$tmp/t.c" <<'EOF'
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
static void one(void **state) { (void)state; assert_int_equal(2, 1 + 1); }
int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(one) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
EOF
    "$HOST_CC" --version >/dev/null 2>&1 || { echo "$(compiler_pkg "$HOST_CC") libcmocka-dev"; return; }
    if ! "$HOST_CC" -std=gnu11 -Wall -Wextra -Werror -g -O1 "$tmp/t.c" -o "$tmp/t" -lcmocka \
            >"$tmp/cmocka.log" 2>&1 || ! "$tmp/t" >>"$tmp/cmocka.log" 2>&1 ||
        ! "$HOST_CC" -std=gnu11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
            "$tmp/t.c" -o "$tmp/t.asan" -lcmocka >>"$tmp/cmocka.log" 2>&1 ||
        ! "$tmp/t.asan" >>"$tmp/cmocka.log" 2>&1; then
        echo "$(compiler_pkg "$HOST_CC") libcmocka-dev"
    fi
}

# An ISO made by the build's own script, of two small files.
probe_iso() {
    echo data > "$tmp/f"
    "$here/mkiso.sh" "$tmp/t.iso" "$tmp/f" "$tmp/f" >"$tmp/iso.log" 2>&1 || echo "$ISO_PKGS"
    mformat -C -f 1440 -i "$tmp/fat.img" :: >/dev/null 2>&1 || echo mtools
}

# Bochs as the harness starts it, quit at its first instruction.
probe_bochs() {
    python3 "$here/../tests/harness/bochs.py" --probe >/dev/null 2>&1 || echo "$BOCHS_PKGS"
}

probe_build() {
    make --version >/dev/null 2>&1 || echo make
    probe_cc
    probe_qemu
    probe_cmocka
    (cd "$tmp" && echo data > f && echo f | cpio --quiet -o -H newc > t.cpio) 2>/dev/null || echo cpio
    python3 -c 'import fcntl, socket, subprocess' >/dev/null 2>&1 || echo python3
    gdb -batch -nx -ex 'python import gdb' >/dev/null 2>&1 || echo gdb
    flock "$tmp/lock" true >/dev/null 2>&1 || echo util-linux
    probe_iso
    probe_bochs
}

probe_format() {
    printf 'int  x ;\n' > "$tmp/f.c"
    clang-format "$tmp/f.c" >/dev/null 2>&1 || echo clang-format
}

probe_lint() {
    printf 'int f(void) { return 0; }\n' > "$tmp/l.c"
    cppcheck --quiet --error-exitcode=1 "$tmp/l.c" >/dev/null 2>&1 || echo cppcheck
    python3 -c 'import subprocess' >/dev/null 2>&1 || echo python3
    { "$HOST_CC" -c "$tmp/l.c" -o "$tmp/l.o" && nm "$tmp/l.o"; } >/dev/null 2>&1 || echo binutils
}

probe_trace() {
    printf '<div id="out"></div><script>document.getElementById("out").textContent = "ran" + 6 * 7;</script>\n' \
        > "$tmp/t.html"
    /usr/bin/chromium --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/chromium" \
        --dump-dom "file://$tmp/t.html" 2>/dev/null | grep -q '>ran42<' || echo chromium
}

# node with ES modules, top-level await and WebAssembly (v86_machine.mjs);
# npm (tools/playground/npm-ci.sh); headless chromium, as root needs it.
probe_playground() {
    node --input-type=module -e 'await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))' \
        >/dev/null 2>&1 || echo nodejs
    npm --version >/dev/null 2>&1 || echo npm
    timeout 60 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/chromium" \
        --dump-dom 'data:text/html,<p>pebbles</p>' 2>/dev/null | grep -q '<p>pebbles</p>' || echo chromium
}

# The packages of the probes that fail for $1 (build, format, lint, trace or playground), one line.
missing() {
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/pebbles-deps.XXXXXX") || exit 1
    case "$1" in
    build) pkgs=$(probe_build) ;;
    format) pkgs=$(probe_format) ;;
    lint) pkgs=$(probe_lint) ;;
    trace) pkgs=$(probe_trace) ;;
    playground) pkgs=$(probe_playground) ;;
    esac
    rm -rf "$tmp"
    # one line, each package once, in a stable order
    echo $(printf '%s\n' $pkgs | awk '!seen[$0]++')
}

# Install packages $@, or print the one command that does and fail.
install() {
    if [ "$(id -u)" = 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        SUDO=none
    fi
    if [ "$SUDO" = none ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "Missing packages: $*. Please run:" >&2
        echo "    sudo apt-get update && sudo apt-get install -y $*" >&2
        exit 1
    fi
    echo "Installing: $*" >&2
    $SUDO apt-get update -qq >&2 &&
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

case "${1:-check}" in
install)
    # npm only where it is not there already: a Node.js built elsewhere
    # (NodeSource) brings its own, which Debian's npm package conflicts with.
    # shellcheck disable=SC2046
    install $ALL_PKGS $(npm --version >/dev/null 2>&1 || echo npm)
    ;;
check)
    what=${2:-build}
    m=$(missing "$what")
    [ -z "$m" ] && exit 0
    install $m || exit 1
    m=$(missing "$what")
    [ -z "$m" ] || { echo "Installed, but these still do not work: $m" >&2; exit 1; }
    ;;
print-libgcc)
    print_libgcc
    ;;
print-gcc-inc)
    print_gcc_inc
    ;;
*)
    echo "usage: $0 check [build|format|lint|trace|playground] | install | print-libgcc | print-gcc-inc" >&2; exit 2
    ;;
esac
