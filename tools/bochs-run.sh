#!/bin/sh
# bochs-run.sh ISO - make run-bochs: boot the ISO (make iso) in Bochs.
#   By default Bochs draws the VGA text screen with curses in this terminal
#   (Debian's bochs-term; Ctrl-] quits) and what is typed there reaches the
#   kernel through Bochs's PS/2 keyboard.  BOCHS_DISPLAY=x opens a window
#   instead (bochs-x; quit by closing it).  The serial console goes to
#   $BUILD/bochs-serial.log, Bochs's log to $BUILD/bochs.log.
# The machine is tools/bochs/bochsrc; tests/harness/bochs.py starts it the
# way the boot/iso_bochs test does.
# Environment: BUILD, BOCHS_DISPLAY (term or x), QEMU_MEM (guest MiB), PYTHON.
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-python3}
ISO=${1:-$BUILD/pebbles.iso}
exec "$PYTHON" tests/harness/bochs.py --build "$BUILD" --display "${BOCHS_DISPLAY:-term}" --run "$ISO"
