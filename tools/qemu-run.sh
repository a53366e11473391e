#!/bin/sh
# qemu-run.sh interactive|serial|gdb - boot the kernel to the shell.
#   interactive  a QEMU window when a display is available, otherwise the
#                VGA text screen drawn in this terminal (curses); the serial
#                mirror goes to build/serial.log.  Quit: close the window, or
#                in curses mode press Esc then 2 and type "quit" (or Ctrl-A X
#                is not available there: use the monitor).
#   serial       no screen: the console on this terminal's stdin/stdout
#                (Ctrl-A X quits).  Good for scripting.
#   gdb          QEMU stopped at the first instruction, waiting for GDB on
#                localhost:1234; GDB starts with the kernel's symbols and
#                the commands of tools/gdb/pebbles.py (pebbles-threads,
#                pebbles-switches).
# Environment: BUILD, INITRD (the RAM disk image; `make` passes the one it
# built for this invocation; default $BUILD/initrd.cpio), QEMU, QEMU_MEM,
# PYTHON.
# The QEMU command line itself is written once, in tests/harness/qemu_cmd.py
# (which execs QEMU, so $! below is QEMU's pid).
BUILD=${BUILD:-build}
INITRD=${INITRD:-$BUILD/initrd.cpio}
PYTHON=${PYTHON:-python3}
set -- "${1:-interactive}"
qemu() {
    exec "$PYTHON" tests/harness/qemu_cmd.py --build "$BUILD" --initrd "$INITRD" --mode "$@"
}

case "$1" in
interactive)
    if [ -n "$DISPLAY" ] || [ -n "$WAYLAND_DISPLAY" ]; then
        qemu window
    fi
    echo "No display: drawing the VGA screen in this terminal (quit: Esc 2, then 'quit')."
    sleep 1
    qemu curses
    ;;
serial)
    qemu serial
    ;;
gdb)
    (qemu gdb) &
    qpid=$!
    if command -v gdb >/dev/null 2>&1; then
        gdb -q "$BUILD/kernel.elf" -x tools/gdb/pebbles.py -ex 'target remote localhost:1234' -ex 'break kernel_main' -ex 'continue'
        kill $qpid 2>/dev/null
    else
        echo "QEMU waits on localhost:1234. Connect with:"
        echo "    gdb $BUILD/kernel.elf -ex 'target remote localhost:1234'"
        wait $qpid
    fi
    ;;
*)
    echo "usage: $0 interactive|serial|gdb"; exit 2
    ;;
esac
