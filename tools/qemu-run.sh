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
# built for this invocation; default $BUILD/initrd.cpio), QEMU, QEMU_MEM.
BUILD=${BUILD:-build}
INITRD=${INITRD:-$BUILD/initrd.cpio}
QEMU=${QEMU:-qemu-system-i386}
MEM=${QEMU_MEM:-256}
set -- "${1:-interactive}"
BASE="$QEMU -m $MEM -kernel $BUILD/kernel.elf -initrd $INITRD -device isa-debug-exit,iobase=0xf4,iosize=0x04 -no-reboot -nic none"

case "$1" in
interactive)
    if [ -n "$DISPLAY" ] || [ -n "$WAYLAND_DISPLAY" ]; then
        exec $BASE -serial file:$BUILD/serial.log
    fi
    echo "No display: drawing the VGA screen in this terminal (quit: Esc 2, then 'quit')."
    sleep 1
    exec $BASE -display curses -serial file:$BUILD/serial.log
    ;;
serial)
    exec $BASE -display none -serial mon:stdio
    ;;
gdb)
    $BASE -display none -serial file:$BUILD/serial.log -s -S &
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
