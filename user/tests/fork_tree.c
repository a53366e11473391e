/* @timeout 120 @smp 2 4 */
/*
 * fork_tree.c - proves exit statuses propagate through deep process trees:
 *  - a chain of 50 tasks, each made by fork + exec of this program with the
 *    depth as argument, each exiting with its child's status + 1: the root
 *    sees 50;
 *  - a binary tree of depth 7 made by fork alone (255 tasks, a node forks
 *    both children before waiting for either), each node exiting with the
 *    size of its subtree: the root sees 255.
 *   fork_tree                 run the test
 *   fork_tree chain <d>       one link of the chain (internal)
 */
#include <string.h>

#include "test.h"

#define CHAIN 50
#define DEPTH 7

static int to_int(const char *s)
{
    int v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return v;
}

static void to_str(int v, char *buf)
{
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *buf++ = tmp[--n];
    *buf = '\0';
}

/* Link d of the chain: exec link d+1 in a child; exit with its status + 1. */
static NORETURN void chain_link(int d)
{
    if (d == CHAIN)
        exit(0);
    int tid = fork();
    if (tid == 0) {
        char num[12];
        to_str(d + 1, num);
        char *argv[] = {"fork_tree", "chain", num, NULL};
        exec("fork_tree", argv);
        exit(-1000); /* exec failed: poison the sum */
    }
    if (tid < 0)
        exit(-1000);
    int st;
    if (wait(&st) != tid)
        exit(-1000);
    exit(st + 1);
}

/* A subtree of depth d: returns (through the exit status) its size. */
static int tree_node(int d)
{
    if (d == 0)
        return 1;
    int a = fork_run(tree_node, d - 1);
    int b = fork_run(tree_node, d - 1);
    int size = 1, st;
    if (a < 0 || b < 0)
        size = -100000;
    for (int i = (a > 0) + (b > 0); i > 0; i--) {
        if (wait(&st) < 0)
            return -100000;
        size += st;
    }
    return size;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "chain") == 0)
        chain_link(to_int(argv[2]));

    TEST_START("fork_tree");
    int tid = fork();
    if (tid == 0)
        chain_link(0);
    CHECK(tid > 0, "fork");
    int st = wait_for(tid);
    NOTE("fork_tree: chain of %d returned %d", CHAIN, st);
    CHECK(st == CHAIN, "chain status propagates through every link");

    tid = fork_run(tree_node, DEPTH);
    CHECK(tid > 0, "fork");
    st = wait_for(tid);
    NOTE("fork_tree: tree of depth %d returned %d", DEPTH, st);
    CHECK(st == (1 << (DEPTH + 1)) - 1, "tree statuses sum to the node count");
    TEST_PASS();
}
