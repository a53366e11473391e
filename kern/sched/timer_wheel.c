/*
 * timer_wheel.c - the hierarchical timing wheel of timer_wheel.h.
 *
 * Pure logic over intrusive lists: no allocation, no locking, no
 * hardware, so the host unit tests (tests/unit/test_timer_wheel.c) run it
 * as it is.  Why the slot of a timer depends only on (deadline, now), and
 * why that keeps same-tick timers in arming order, is in the header.
 */
#include "sched/timer_wheel.h"

#include "lib/assert.h"

/* The level of the highest bit where deadline and now differ (0 if none). */
static unsigned level_of(uint32_t deadline, uint32_t now)
{
    uint32_t diff = deadline ^ now;
    unsigned level = 0;
    while (diff >= TW_SLOTS) {
        diff >>= TW_SLOT_BITS;
        level++;
    }
    return level;
}

static struct list *slot_of(struct timer_wheel *w, uint32_t deadline)
{
    unsigned level = level_of(deadline, w->now);
    return &w->slot[level][(deadline >> (level * TW_SLOT_BITS)) & (TW_SLOTS - 1)];
}

void timer_wheel_init(struct timer_wheel *w, uint32_t now)
{
    w->now = now;
    w->count = 0;
    for (unsigned l = 0; l < TW_LEVELS; l++)
        for (unsigned s = 0; s < TW_SLOTS; s++)
            list_init(&w->slot[l][s]);
}

void timer_wheel_add(struct timer_wheel *w, struct tw_timer *t, uint32_t ticks)
{
    assert(!timer_wheel_armed(t) && ticks >= 1 && ticks < 0x80000000u);
    t->deadline = w->now + ticks;
    list_push_back(slot_of(w, t->deadline), &t->link);
    w->count++;
}

void timer_wheel_cancel(struct timer_wheel *w, struct tw_timer *t)
{
    if (!timer_wheel_armed(t))
        return;
    list_remove(&t->link);
    w->count--;
}

/* Move every timer of a slot to where (deadline, now) puts it now, in
 * order, so that same-deadline timers keep theirs. */
static void cascade(struct timer_wheel *w, struct list *slot)
{
    struct list_node *n;
    while ((n = list_pop_front(slot)))
        list_push_back(slot_of(w, list_entry(n, struct tw_timer, link)->deadline), n);
}

static void advance_one(struct timer_wheel *w, tw_fire_fn fire, void *arg)
{
    uint32_t now = ++w->now;
    /* Levels whose lower bits rolled over, highest first.  Below the
     * highest, the slot now names is empty (a timer there would be due
     * before now), so the order only makes the walk obvious. */
    unsigned top = 0;
    while (top + 1 < TW_LEVELS && (now & ((1u << ((top + 1) * TW_SLOT_BITS)) - 1)) == 0)
        top++;
    for (unsigned l = top; l > 0; l--)
        cascade(w, &w->slot[l][(now >> (l * TW_SLOT_BITS)) & (TW_SLOTS - 1)]);
    struct list *due = &w->slot[0][now & (TW_SLOTS - 1)];
    struct list_node *n;
    while ((n = list_pop_front(due))) {
        w->count--;
        fire(list_entry(n, struct tw_timer, link), arg);
    }
}

void timer_wheel_advance(struct timer_wheel *w, uint32_t now, tw_fire_fn fire, void *arg)
{
    while (w->now != now)
        advance_one(w, fire, arg);
}

bool timer_wheel_check(const struct timer_wheel *w)
{
    unsigned count = 0;
    for (unsigned l = 0; l < TW_LEVELS; l++) {
        for (unsigned s = 0; s < TW_SLOTS; s++) {
            const struct list_node *n;
            list_for_each(n, &w->slot[l][s]) {
                uint32_t d = list_entry(n, const struct tw_timer, link)->deadline;
                if (level_of(d, w->now) != l || ((d >> (l * TW_SLOT_BITS)) & (TW_SLOTS - 1)) != s ||
                    d == w->now)
                    return false;
                count++;
            }
        }
    }
    return count == w->count;
}
