#!/bin/sh
# deps.sh check|install - make sure the host tools the build and tests need
# are present (Debian/Ubuntu).  `check` installs what is missing when it
# can (root, or password-less sudo); otherwise it prints the exact command
# and fails.  `install` installs unconditionally.
PKGS="make gcc gcc-multilib binutils qemu-system-x86 cpio python3 libcmocka-dev gdb"

missing() {
    m=""
    command -v make >/dev/null 2>&1 || m="$m make"
    command -v ld >/dev/null 2>&1 || m="$m binutils"
    command -v cpio >/dev/null 2>&1 || m="$m cpio"
    command -v python3 >/dev/null 2>&1 || m="$m python3"
    command -v qemu-system-i386 >/dev/null 2>&1 || m="$m qemu-system-x86"
    printf 'int main(void){return 0;}\n' > /tmp/pebbles-m32-$$.c
    gcc -m32 -c /tmp/pebbles-m32-$$.c -o /tmp/pebbles-m32-$$.o >/dev/null 2>&1 || m="$m gcc gcc-multilib"
    rm -f /tmp/pebbles-m32-$$.c /tmp/pebbles-m32-$$.o
    [ -f /usr/include/cmocka.h ] || m="$m libcmocka-dev"
    command -v gdb >/dev/null 2>&1 || m="$m gdb"
    echo "$m"
}

install() {
    if [ "$(id -u)" = 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "Missing packages. Please run:"
        echo "    sudo apt-get update && sudo apt-get install -y $*"
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "No apt-get here. Please install: $*"
        exit 1
    fi
    echo "Installing: $*"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

case "${1:-check}" in
install)
    install $PKGS
    ;;
check)
    m=$(missing)
    [ -z "$m" ] && exit 0
    install $m || exit 1
    m=$(missing)
    [ -z "$m" ] || { echo "Still missing:$m"; exit 1; }
    ;;
*)
    echo "usage: $0 check|install"; exit 2
    ;;
esac
