/*
 * uaccess_top.c - the top of the address space, byte-exact.  Every call
 * that takes a user buffer refuses one that ends one byte past 0xFFFFFFFF
 * (a negative return; for calls that write, the bytes below the top are
 * left untouched) and accepts one that ends exactly at 0xFFFFFFFF (the
 * top of the stack, mapped).  Where accepting would block or replace the
 * program, the error code tells the two apart: exec of a missing file
 * with readable arguments is -E_NOENT, not -E_FAULT; swexn with a readable
 * but invalid newureg is -E_INVAL.  A range check off by one in either
 * direction fails here; so does a copy that wraps past the top.
 * @expect-log uaccess_top: logged from the very top
 */
#include <abi/errors.h>
#include <string.h>

#include "test.h"

#define TOP_END       0x100000000ull
/* A buffer of len bytes ending at 0xFFFFFFFF, or one byte past it. */
#define AT_TOP(len)   ((void *)(unsigned int)(TOP_END - (len)))
#define PAST_TOP(len) ((void *)(unsigned int)(TOP_END + 1 - (len)))
#define TOP_SPAN      128 /* the bytes the canary covers */
#define CANARY        0xA5

static unsigned char *const top_span = (unsigned char *)AT_TOP(TOP_SPAN);

/* The top of the stack holds only our argv strings (pad_stack_top); we
 * never use them. */
static void canary_set(void) { memset(top_span, CANARY, TOP_SPAN); }

static int canary_intact(void)
{
    for (int i = 0; i < TOP_SPAN; i++)
        if (top_span[i] != CANARY)
            return 0;
    return 1;
}

/* Put the string s so that its NUL is the last byte of memory. */
static char *string_at_top(const char *s)
{
    char *p = AT_TOP(strlen(s) + 1);
    memcpy(p, s, strlen(s) + 1);
    return p;
}

/* Fill the top with non-NUL bytes: a string running into the top. */
static char *unterminated_at_top(unsigned int len)
{
    char *p = AT_TOP(len);
    memset(p, 'x', len);
    return p;
}

static void check_print(void)
{
    CHECK(print(2, (char *)0xFFFFFFFF) < 0, "print of 2 bytes from the last byte");
    CHECK(print(5, PAST_TOP(5)) < 0, "print ending one past the top");
    memcpy(AT_TOP(2), ".\n", 2);
    CHECK(print(1, AT_TOP(1)) == 0, "print of the last byte");
    CHECK(print(2, AT_TOP(2)) == 0, "print ending at the top");
}

static void check_readfile(void)
{
    char buf[16];
    CHECK(readfile(".", buf, sizeof(buf), 0) == (int)sizeof(buf), "the listing has 16 bytes");
    canary_set();
    CHECK(readfile(".", PAST_TOP(16), 16, 0) < 0, "readfile into a buffer one past the top");
    CHECK(canary_intact(), "a refused readfile wrote below the top");
    CHECK(readfile(".", AT_TOP(16), 16, 0) == 16, "readfile into a buffer ending at the top");
    CHECK(memcmp(AT_TOP(16), buf, 16) == 0, "readfile wrote the listing at the top");
    CHECK(readfile(unterminated_at_top(8), buf, 4, 0) < 0, "file name running into the top");
    CHECK(readfile(string_at_top("."), buf, 4, 0) == 4, "file name ending at the top");
}

static void check_readline(void)
{
    canary_set();
    CHECK(readline(4, PAST_TOP(4)) < 0, "readline into a buffer one past the top");
    CHECK(readline(TOP_SPAN + 1, PAST_TOP(TOP_SPAN + 1)) < 0, "longer readline one past the top");
    CHECK(canary_intact(), "a refused readline wrote below the top");
    /* Accepting would block for input: readline_echo does that with a
     * buffer ending at the top. */
}

static void check_kstats(void)
{
    struct kstats k;
    canary_set();
    CHECK(kstats(PAST_TOP(sizeof(k))) < 0, "kstats one past the top");
    CHECK(canary_intact(), "a refused kstats wrote below the top");
    CHECK(kstats(AT_TOP(sizeof(k))) == 0, "kstats ending at the top");
    struct kstats *t = AT_TOP(sizeof(k));
    CHECK(t->user_frames_total > 0 && t->tasks >= 2, "kstats wrote its counters at the top");
}

static void check_cursor(void)
{
    int row, col;
    CHECK(get_cursor_pos(&row, &col) == 0, "get_cursor_pos");
    canary_set();
    CHECK(get_cursor_pos(PAST_TOP(4), &col) < 0, "row one past the top");
    CHECK(get_cursor_pos(&row, PAST_TOP(4)) < 0, "col one past the top");
    CHECK(canary_intact(), "a refused get_cursor_pos wrote below the top");
    int *r = AT_TOP(8), *c = AT_TOP(4);
    CHECK(get_cursor_pos(r, c) == 0, "row and col ending at the top");
    CHECK(*r == row && *c == col, "the position written at the top");
}

static void check_wait(void)
{
    int tid = fork();
    if (tid == 0)
        exit(42);
    CHECK(tid > 0, "fork");
    canary_set();
    CHECK(wait(PAST_TOP(4)) < 0, "wait with a status one past the top");
    CHECK(canary_intact(), "a refused wait wrote below the top");
    CHECK(wait(AT_TOP(4)) == tid, "wait with the status ending at the top collects the child");
    CHECK(*(int *)AT_TOP(4) == 42, "the status written at the top");
}

static void check_deschedule(void)
{
    CHECK(deschedule(PAST_TOP(4)) < 0, "reject flag one past the top");
    *(int *)AT_TOP(4) = 1;
    CHECK(deschedule(AT_TOP(4)) == 0, "reject flag ending at the top");
}

static void check_exec(void)
{
    char *argv[] = {"nosuchprog", NULL};
    CHECK(exec(unterminated_at_top(16), argv) == -E_FAULT, "exec name running into the top");
    CHECK(exec(string_at_top("nosuchprog"), argv) == -E_NOENT, "exec name ending at the top");
    CHECK(exec("nosuchprog", PAST_TOP(4)) == -E_FAULT, "argv entry one past the top");
    char **top_argv = AT_TOP(2 * sizeof(char *));
    top_argv[0] = "nosuchprog";
    top_argv[1] = NULL;
    CHECK(exec("nosuchprog", top_argv) == -E_NOENT, "argv ending at the top");
    argv[0] = unterminated_at_top(8);
    CHECK(exec("nosuchprog", argv) == -E_FAULT, "argument string running into the top");
    argv[0] = string_at_top("x");
    CHECK(exec("nosuchprog", argv) == -E_NOENT, "argument string ending at the top");
}

static void check_klog(void)
{
    CHECK(RAW_INT(0x80, unterminated_at_top(16)) < 0, "log string running into the top");
    CHECK(RAW_INT(0x80, string_at_top("uaccess_top: logged from the very top")) == 0,
          "log string ending at the top");
}

static void check_pages(void)
{
    CHECK(new_pages((void *)0xFFFFF000, 2 * PAGE_SIZE) < 0, "new_pages past the top");
    CHECK(new_pages((void *)0xF0000000, 0x10001000) < 0, "new_pages a page past the top");
    CHECK(new_pages((void *)0xFFFF0000, 0x7FFFF000) < 0, "new_pages wrapping to low memory");
    CHECK(remove_pages((void *)0xFFFFF000) < 0, "remove_pages of the stack's top page");
}

static void handler(void *arg, ureg_t *u)
{
    (void)arg;
    (void)u;
    exit(97);
}

static char exn_stack[4096] __attribute__((aligned(16)));

/* In a child: after the refused calls, a fault must find no handler. */
static int refused_swexn(int unused)
{
    (void)unused;
    for (unsigned int esp3 = 1; esp3 <= 3; esp3++)
        CHECK(swexn((void *)esp3, handler, NULL, NULL) < 0, "exception stack wrapping past the top");
    canary_set();
    CHECK(swexn(NULL, NULL, NULL, PAST_TOP(sizeof(ureg_t))) == -E_FAULT, "newureg one past the top");
    CHECK(swexn(exn_stack + sizeof(exn_stack), handler, NULL, PAST_TOP(sizeof(ureg_t))) == -E_FAULT,
          "register with a newureg one past the top");
    /* Readable but invalid (all zero selectors): copied, then refused. */
    memset(AT_TOP(sizeof(ureg_t)), 0, sizeof(ureg_t));
    CHECK(swexn(NULL, NULL, NULL, AT_TOP(sizeof(ureg_t))) == -E_INVAL, "newureg ending at the top");
    return *(volatile int *)0; /* killed (status -2) unless a refused call registered handler */
}

static void check_swexn(void)
{
    CHECK(wait_for(fork_run(refused_swexn, 0)) == KILLED_STATUS,
          "a refused swexn registered its handler (or a check failed)");
}

/*
 * The checks overwrite the top TOP_SPAN bytes of the stack, so nothing
 * live may be there: not exec's frame for _main, nor our own frames (how
 * far down they start depends on the compiler).  So the program runs
 * itself again with a padding argument that fills the top of the stack:
 * the strings lie at the very top, everything else below them.
 */
static void pad_stack_top(int argc, char **argv)
{
    static char pad[2 * TOP_SPAN + 1];
    if (argc >= 2)
        return;
    memset(pad, 'p', sizeof(pad) - 1);
    char *args[] = {argv[0], pad, NULL};
    exec(argv[0], args);
    TEST_START("uaccess_top");
    TEST_FAIL("could not run again with a padded stack top");
}

int main(int argc, char **argv)
{
    pad_stack_top(argc, argv);
    TEST_START("uaccess_top");
    CHECK((unsigned char *)&argv[argc] < top_span && (unsigned char *)&argc < top_span,
          "the top of the stack holds only argument strings");
    check_print();
    check_readfile();
    check_readline();
    check_kstats();
    check_cursor();
    check_wait();
    check_deschedule();
    check_exec();
    check_klog();
    check_pages();
    check_swexn();
    TEST_PASS();
}
