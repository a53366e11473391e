/*
 * ps.c - list the tasks and threads with their state and CPU time, from the
 * kernel's snapshot (ps_list, <pebbles_ext.h>): user tasks by task id,
 * then the kernel's own threads.
 */
#include <pebbles_ext.h>
#include <stdio.h>
#include <stdlib.h>
#include <usage.h>

PROGRAM_USAGE("", "list tasks and threads: state, what they wait for, CPU time");

/* Kernel threads (task 0) last; within a task, by thread id. */
static int by_task(const void *a, const void *b)
{
    const struct ps_thread *x = a, *y = b;
    unsigned tx = (unsigned)x->task - 1, ty = (unsigned)y->task - 1; /* 0 sorts last */
    if (tx != ty)
        return tx < ty ? -1 : 1;
    return x->tid - y->tid;
}

int main(void)
{
    struct ps_thread *t = malloc(PS_MAX_THREADS * sizeof(*t));
    if (!t) {
        printf("ps: out of memory\n");
        return 1;
    }
    int n = ps_list(t, PS_MAX_THREADS);
    if (n < 0) {
        printf("ps: cannot list the threads (error %d)\n", n);
        return 1;
    }
    qsort(t, (size_t)n, sizeof(*t), by_task);
    printf("%5s %5s %6s  %-15s %-9s %-19s %6s\n", "TASK", "TID", "PARENT", "PROGRAM", "STATE", "WAITS FOR",
           "CPU ms");
    int tasks = 0;
    for (int i = 0; i < n; i++) {
        if (t[i].task && (i == 0 || t[i].task != t[i - 1].task))
            tasks++;
        char task[8] = "-", parent[8] = "-";
        if (t[i].task) {
            snprintf(task, sizeof(task), "%d", t[i].task);
            snprintf(parent, sizeof(parent), "%d", t[i].parent);
        }
        printf("%5s %5d %6s  %-15s %-9s %-19s %6u\n", task, t[i].tid, parent, t[i].name, t[i].state,
               t[i].waits, t[i].cpu_ticks);
    }
    printf("%d threads, %d user tasks\n", n, tasks);
    return 0;
}
