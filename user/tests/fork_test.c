/* @smp 2 4 */
/*
 * fork_test.c - proves fork's basic contract (SPEC §3 "Tasks and threads"):
 * the child sees 0, the parent the child's tid (== the child's gettid());
 * the child's memory (data, bss, heap, stack, new_pages region) is a copy
 * taken at the fork: later writes on either side are invisible to the other;
 * exit statuses (positive, zero, negative) travel to the parent's wait.
 */
#include <malloc.h>
#include <string.h>

#include "test.h"

#define REGION ((char *)0x40000000)

static int data_var = 1111; /* .data */
static int bss_var;         /* .bss */

static int child_reports_tid(int unused)
{
    (void)unused;
    return gettid();
}

static int exit_with(int s) { return s; }

int main(void)
{
    TEST_START("fork_test");
    int me = gettid();

    /* fork returns the child's tid in the parent, 0 in the child. */
    int tid = fork_run(child_reports_tid, 0);
    CHECK(tid > 0, "fork returns a positive tid to the parent");
    CHECK(tid != me, "child tid differs from the parent's");
    CHECK(wait_for(tid) == tid, "child's gettid() equals fork's return value");
    CHECK(gettid() == me, "parent keeps its tid");

    /* Memory is copied at fork. */
    bss_var = 2222;
    int stack_var = 3333;
    int *heap = malloc(64 * sizeof(int));
    CHECK(heap != NULL, "malloc");
    for (int i = 0; i < 64; i++)
        heap[i] = i * 7;
    CHECK(new_pages(REGION, 2 * PAGE_SIZE) == 0, "new_pages");
    strcpy(REGION, "parent");
    strcpy(REGION + PAGE_SIZE, "page two");

    tid = fork();
    CHECK(tid >= 0, "second fork");
    if (tid == 0) {
        /* Child: the parent's writes right after the fork must not show. */
        sleep(50);
        CHECK(data_var == 1111 && bss_var == 2222 && stack_var == 3333, "child sees the pre-fork values");
        for (int i = 0; i < 64; i++)
            CHECK(heap[i] == i * 7, "child sees the pre-fork heap");
        CHECK(strcmp(REGION, "parent") == 0, "child sees the pre-fork region");
        CHECK(strcmp(REGION + PAGE_SIZE, "page two") == 0, "second page copied");
        data_var = -1;
        bss_var = -2;
        stack_var = -3;
        heap[10] = -4;
        strcpy(REGION, "child");
        CHECK(data_var == -1 && bss_var == -2 && stack_var == -3 && heap[10] == -4,
              "child's own writes stick");
        CHECK(strcmp(REGION, "child") == 0, "child's region write sticks");
        exit(42);
    }
    /* Parent writes at once, before the child (sleeping) looks. */
    data_var = 5555;
    heap[20] = 5555;
    strcpy(REGION + PAGE_SIZE, "changed");
    CHECK(wait_for(tid) == 42, "child status 42 (its checks passed)");
    CHECK(data_var == 5555 && bss_var == 2222 && stack_var == 3333, "child's writes do not reach the parent");
    CHECK(heap[10] == 70 && heap[20] == 5555, "parent heap untouched by child");
    CHECK(strcmp(REGION, "parent") == 0, "parent region untouched by child");
    CHECK(remove_pages(REGION) == 0, "remove_pages");
    free(heap);

    /* Several children, several statuses, including 0 and negatives. */
    static const int statuses[] = {0, 1, 255, 256, -1, -7, 123456, -2147483647};
    enum { N = sizeof(statuses) / sizeof(statuses[0]) };
    int tids[N];
    for (int i = 0; i < N; i++) {
        tids[i] = fork_run(exit_with, statuses[i]);
        CHECK(tids[i] > 0, "fork");
    }
    int seen[N] = {0};
    for (int k = 0; k < N; k++) {
        int st;
        int got = wait(&st);
        int i;
        for (i = 0; i < N && tids[i] != got; i++)
            ;
        CHECK(i < N, "wait returns one of our children");
        CHECK(!seen[i], "each child collected once");
        seen[i] = 1;
        if (st != statuses[i])
            TEST_FAIL("child %d exited %d, expected %d", got, st, statuses[i]);
    }
    CHECK(wait(NULL) < 0, "no children left");

    /* A child that vanishes without set_status: its status is 0. */
    tid = fork();
    if (tid == 0)
        vanish();
    CHECK(tid > 0, "fork");
    CHECK(wait_for(tid) == 0, "status defaults to 0");

    TEST_PASS();
}
