/*
 * timer_wheel.h - timers that fire at a given tick: a hierarchical timing
 * wheel, O(1) to arm, O(1) to cancel, O(1) amortised work per tick.
 *
 * Six levels of 64 slots; level L holds timers due within 64^(L+1) ticks
 * and spreads them by bits 6L..6L+5 of their deadline.  Precisely, a
 * timer with deadline d sits at the level of the highest bit where d and
 * now differ, in the slot named by d's bits at that level.  So where a
 * timer sits depends only on (d, now): all timers due at the same tick are
 * always in the same slot, in the order they were armed.  When now's bits
 * below level L roll over to 0, the level-L slot now names holds exactly
 * the timers whose bits above L have become now's: they move down, each
 * at most five times in its life.  Level 0's slot for now then holds the
 * timers due now, which fire in arming order.  The deadline must be 1 to
 * 2^31 - 1 ticks ahead (sleep's ticks is a positive int), which keeps the
 * rule right across the wrap of the 32-bit tick count.
 *
 * Invariant (timer_wheel_check): every armed timer is in the slot its
 * (deadline, now) names; count is the number armed.  Not thread-safe: the
 * owner excludes the tick (the kernel: interrupts off).
 *
 *     struct timer_wheel w;
 *     timer_wheel_init(&w, clock_ticks());
 *     timer_wheel_add(&w, &t->timer, 10);          // fires 10 ticks from now
 *     timer_wheel_advance(&w, now, fire, arg);     // at every tick
 *     timer_wheel_cancel(&w, &t->timer);           // if it has not fired
 */
#ifndef SCHED_TIMER_WHEEL_H
#define SCHED_TIMER_WHEEL_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/list.h"

#define TW_SLOT_BITS 6
#define TW_SLOTS     (1u << TW_SLOT_BITS)
#define TW_LEVELS    6 /* 36 bits: every 32-bit deadline has a level */

/* Embed one in whatever waits; zeroed (list_node_init) means not armed. */
struct tw_timer {
    struct list_node link; /* in its slot while armed */
    uint32_t deadline;     /* the tick it fires at */
};

struct timer_wheel {
    uint32_t now; /* the last tick advanced to */
    unsigned count;
    struct list slot[TW_LEVELS][TW_SLOTS];
};

typedef void (*tw_fire_fn)(struct tw_timer *t, void *arg);

void timer_wheel_init(struct timer_wheel *w, uint32_t now);
/* Arm t (not armed) to fire `ticks` ticks from now: 1 <= ticks < 2^31. */
void timer_wheel_add(struct timer_wheel *w, struct tw_timer *t, uint32_t ticks);
/* Disarm t if it is armed (it has neither fired nor been cancelled). */
void timer_wheel_cancel(struct timer_wheel *w, struct tw_timer *t);
static inline bool timer_wheel_armed(const struct tw_timer *t) { return list_node_linked(&t->link); }
/* Advance tick by tick up to `now`, firing every timer that falls due:
 * fire(t, arg), t already disarmed (fire may arm it again), in deadline
 * order and, among equal deadlines, in arming order. */
void timer_wheel_advance(struct timer_wheel *w, uint32_t now, tw_fire_fn fire, void *arg);
/* Check the invariant above (tests). */
bool timer_wheel_check(const struct timer_wheel *w);

#endif
