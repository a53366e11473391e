/*
 * exec_dirty_frames.c - proves exec hands the new program zeroed bss (page
 * tails after the file's bytes and whole bss pages) even when the frames it
 * gets held another program's data: exec zeroes exactly what the file does
 * not cover, so a byte it forgot would show here as the fill pattern.
 * A child fills many pages with a pattern and gives them back (the frame
 * pool reuses the last freed frames first), then execs exec_helper_args,
 * which checks its data, bss and arguments from the inside (exit 42).
 */
#include <string.h>

#include "test.h"

#define REGION ((char *)0x50000000)
#define BYTES  (8 << 20)

int main(void)
{
    TEST_START("exec_dirty_frames");
    char *argv[] = {"exec_helper_args", "check", "alpha", "beta gamma", "", NULL};
    for (int round = 0; round < 3; round++) {
        int tid = fork();
        if (tid == 0) {
            if (new_pages(REGION, BYTES) < 0)
                TEST_FAIL("exec_dirty_frames: new_pages");
            memset(REGION, 0xA5, BYTES);
            remove_pages(REGION);
            exec(argv[0], argv);
            TEST_FAIL("exec_dirty_frames: exec failed");
        }
        CHECK(tid > 0, "fork");
        int status = wait_for(tid);
        if (status != 42)
            TEST_FAIL("exec_dirty_frames: round %d: helper exited %d (2: bss not zero)", round, status);
    }
    TEST_PASS();
}
