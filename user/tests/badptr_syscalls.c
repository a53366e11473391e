/* @timeout 60 */
/*
 * badptr_syscalls.c - proves SPEC §2: a bad pointer given to any system call
 * is a negative return, never a kill or a kernel crash.  Every pointer-taking
 * call (exec, wait, deschedule, readline, print, get_cursor_pos, readfile,
 * swexn, the kernel log and kstats) and the argument packet of every
 * multi-argument call get: NULL, a kernel address, an unmapped user address,
 * an object wrapping past 4 GiB, an object straddling the end of a mapped
 * region into unmapped memory, and (for buffers the kernel writes) read-only
 * program text.  The program survives all of it.
 */
#include <string.h>

#include "test.h"

#define REGION     ((char *)0x50000000)
#define REGION_END (REGION + PAGE_SIZE)

enum { B_NULL, B_KERNEL, B_UNMAPPED, B_WRAP, B_STRADDLE, B_TEXT, NBAD };
static const char *const bad_name[NBAD] = {"NULL",     "kernel",     "unmapped",
                                           "wrapping", "straddling", "read-only text"};

/*
 * A bad address for an object of `size` bytes: for B_STRADDLE the object
 * starts half-way into the last bytes of the region; for B_WRAP it starts
 * below 4 GiB and ends above.
 */
static char *bad_ptr(int kind, unsigned int size)
{
    switch (kind) {
    case B_NULL: return NULL;
    case B_KERNEL: return (char *)KERNEL_ADDR;
    case B_UNMAPPED: return (char *)UNMAPPED_ADDR;
    case B_WRAP: return (char *)(0u - size / 2);
    case B_STRADDLE: return REGION_END - size / 2;
    default: return (char *)TEXT_ADDR;
    }
}

static int failures;

static void expect_neg(int r, const char *call, int kind)
{
    if (r >= 0) {
        NOTE("badptr_syscalls: %s with a %s pointer returned %d", call, bad_name[kind], r);
        failures++;
    }
}

/* Packets: every multi-argument call with %esi pointing at garbage. */
static void bad_packets(void)
{
    static const struct {
        int vec;
        int words;
        const char *name;
    } calls[] = {
        {EXEC_INT, 2, "exec packet"},
        {NEW_PAGES_INT, 2, "new_pages packet"},
        {READLINE_INT, 2, "readline packet"},
        {PRINT_INT, 2, "print packet"},
        {SET_CURSOR_POS_INT, 2, "set_cursor_pos packet"},
        {GET_CURSOR_POS_INT, 2, "get_cursor_pos packet"},
        {READFILE_INT, 4, "readfile packet"},
        {SWEXN_INT, 4, "swexn packet"},
    };
    for (unsigned int i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
        for (int kind = 0; kind < B_TEXT; kind++) {
            /* Straddling: the first word readable, the rest not. */
            char *p = kind == B_STRADDLE ? REGION_END - 4 : bad_ptr(kind, 4 * calls[i].words);
            int r;
            switch (calls[i].vec) { /* the vector must be an immediate */
            case EXEC_INT: r = RAW_INT(EXEC_INT, p); break;
            case NEW_PAGES_INT: r = RAW_INT(NEW_PAGES_INT, p); break;
            case READLINE_INT: r = RAW_INT(READLINE_INT, p); break;
            case PRINT_INT: r = RAW_INT(PRINT_INT, p); break;
            case SET_CURSOR_POS_INT: r = RAW_INT(SET_CURSOR_POS_INT, p); break;
            case GET_CURSOR_POS_INT: r = RAW_INT(GET_CURSOR_POS_INT, p); break;
            case READFILE_INT: r = RAW_INT(READFILE_INT, p); break;
            default: r = RAW_INT(SWEXN_INT, p); break;
            }
            expect_neg(r, calls[i].name, kind);
        }
    }
}

/* Strings the kernel reads: names for exec/readfile, the kernel log line. */
static void bad_strings(void)
{
    char *argv[] = {"exec_helper_args", NULL};
    char buf[16];
    /* The stack's last bytes (our own unused argv strings) become 'a's, so a
     * string there runs past 0xFFFFFFFF. */
    memset((char *)0xFFFFFFF0, 'a', 16);
    for (int kind = 0; kind < B_TEXT; kind++) {
        char *s = bad_ptr(kind, 32);
        expect_neg(exec(s, argv), "exec name", kind);
        char *bad_argv[] = {"exec_helper_args", s, NULL};
        if (kind != B_NULL) /* a NULL argv[1] just ends the list */
            expect_neg(exec("exec_helper_args", bad_argv), "exec argv[1]", kind);
        expect_neg(exec("exec_helper_args", (char **)bad_ptr(kind, 8)), "exec argv", kind);
        expect_neg(readfile(s, buf, sizeof(buf), 0), "readfile name", kind);
        expect_neg(RAW_INT(KLOG_INT, s), "kernel log line", kind);
    }
}

/* Buffers and out-parameters the kernel writes or reads. */
static void bad_buffers(void)
{
    int good = 0;
    for (int kind = 0; kind < NBAD; kind++) {
        char *b16 = bad_ptr(kind, 16);
        char *i4 = bad_ptr(kind, 4);
        expect_neg(readfile("init", b16, 16, 0), "readfile buffer", kind);
        expect_neg(readline(16, b16), "readline buffer", kind);
        expect_neg(get_cursor_pos((int *)i4, &good), "get_cursor_pos row", kind);
        expect_neg(get_cursor_pos(&good, (int *)i4), "get_cursor_pos col", kind);
        expect_neg(kstats((struct kstats *)bad_ptr(kind, sizeof(struct kstats))), "kstats", kind);
        if (kind == B_TEXT)
            continue; /* the rest only read: text is readable */
        expect_neg(print(16, b16), "print buffer", kind);
        expect_neg(deschedule((int *)i4), "deschedule reject", kind);
        if (kind != B_NULL) /* NULL newureg means "return normally" */
            expect_neg(swexn(NULL, NULL, NULL, (ureg_t *)bad_ptr(kind, sizeof(ureg_t))), "swexn newureg",
                       kind);
    }
}

/* wait needs a live child, or it fails for want of one. */
static int sleep_exit(int s)
{
    sleep(300);
    return s;
}

static void bad_wait(void)
{
    int c = fork_run(sleep_exit, 4);
    CHECK(c > 0, "fork");
    for (int kind = 0; kind < NBAD; kind++)
        if (kind != B_NULL) /* NULL is a valid status_ptr */
            expect_neg(wait((int *)bad_ptr(kind, 4)), "wait status_ptr", kind);
    int st = 0;
    CHECK(wait(&st) == c && st == 4, "child still collectable after the bad waits");
}

int main(void)
{
    TEST_START("badptr_syscalls");
    CHECK(new_pages(REGION, PAGE_SIZE) == 0, "new_pages");
    memset(REGION, 'a', PAGE_SIZE); /* strings there never end */

    bad_packets();
    bad_strings();
    bad_buffers();
    bad_wait();

    CHECK(gettid() > 0 && print(1, "\n") >= 0, "still alive and well");
    if (failures)
        TEST_FAIL("badptr_syscalls: %d calls accepted a bad pointer", failures);
    TEST_PASS();
}
