#!/bin/sh
# buildlock.sh BUILD 'GOALS' 'RUN-GOALS' MAKE [ARGS...] - the two phases of
# one `make` (called by the Makefile's front end):
#
#   build phase  MAKE ARGS PEBBLES_PHASE=build GOALS, holding BUILD/.build.lock
#                (exclusive): concurrent makes in one checkout build one at a
#                time, and never half-see each other's files.  With RUN-GOALS
#                it also writes the path of the RAM disk image it built.
#   run phase    MAKE ARGS PEBBLES_PHASE=run IMAGE=<that path> RUN-GOALS, without
#                the build lock: QEMU runs while other makes build.
#
# Old images: BUILD/.use.lock is held shared from the end of the build
# phase (taken before the build lock is let go) until the run phase ends,
# by every make that boots an image, and by the harness scripts run by
# hand.  After its build phase, still holding the build lock, a make that
# gets .use.lock exclusively (so no other make is between building and
# finishing its run) deletes all but the newest images; a QEMU never loses
# the image it is about to open.  Only the holder of the build lock ever
# asks for .use.lock exclusively, so neither lock waits on the other.
set -u
build=$1 goals=$2 run_goals=$3
shift 3
mkdir -p "$build/images" || exit 1
KEEP_IMAGES=4

exec 8>>"$build/.build.lock" 9>>"$build/.use.lock" || exit 1
if ! flock -n 8; then
    echo "  (waiting for another make building in $build)" >&2
    flock 8 || exit 1
fi
image_file=""
if [ -n "$run_goals" ]; then
    image_file="$build/.image.$$"
    # shellcheck disable=SC2086  # goals are a list of words
    "$@" PEBBLES_PHASE=build PEBBLES_IMAGE_FILE="$image_file" $goals pebbles-image-path
else
    # shellcheck disable=SC2086
    "$@" PEBBLES_PHASE=build $goals
fi
rc=$?

# Still holding the build lock: nobody else can be between building and
# running now.  If nobody is running either, prune (images are touched by
# each make that boots them, so ours is among the newest).
if flock -n -x 9; then
    ls -1t "$build"/images/initrd-*.cpio 2>/dev/null | tail -n +$((KEEP_IMAGES + 1)) |
        while read -r old; do rm -f "$old"; done
fi
if [ -n "$run_goals" ]; then
    flock -s 9 || exit 1   # never waits: only a build-lock holder locks it exclusively
else
    flock -u 9
fi
exec 8>&-   # the build lock: other makes may build now
if [ $rc -ne 0 ] || [ -z "$run_goals" ]; then
    [ -n "$image_file" ] && rm -f "$image_file"
    exit $rc
fi
image=$(cat "$image_file") && rm -f "$image_file" || exit 1

# shellcheck disable=SC2086  # run_goals is a list of words
"$@" PEBBLES_PHASE=run IMAGE="$image" $run_goals
