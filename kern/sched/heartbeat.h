/*
 * heartbeat.h - a kernel thread that answers "are you still scheduling?"
 * (see heartbeat.c).
 */
#ifndef SCHED_HEARTBEAT_H
#define SCHED_HEARTBEAT_H

/* Start the heartbeat thread (once, at boot, after sched_init); it writes
 * its line with log (the console's log line, main.c). */
void heartbeat_start(void (*log)(const char *line));
/* Ask it to print its line (interrupts off; from the serial IRQ). */
void heartbeat_request(void);

#endif
