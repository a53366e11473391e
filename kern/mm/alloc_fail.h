/*
 * alloc_fail.h - allocation-failure injection (see alloc_fail.c).
 */
#ifndef MM_ALLOC_FAIL_H
#define MM_ALLOC_FAIL_H

#include <stdbool.h>

/* Arm (n > 0: the n-th allocation from now by the calling task fails) or
 * disarm (n == 0).  Returns 1 if the last arming (by any task) fired,
 * else 0; arming clears that. */
int alloc_fail_arm(int n);
/* Called by every allocator before it allocates: should this one fail? */
bool alloc_fail_now(void);
/* task_id tells the calling thread's task id (0: a kernel thread). */
void alloc_fail_set_owner(int (*task_id)(void));
/* exec: the new program starts disarmed. */
void alloc_fail_disarm_task(int tid);

#endif
