/*
 * racers.c - a demo of threads working at once: N racer threads (thread
 * library, user/libthread) each drive a coloured car along its own row of
 * the screen at random speed; the first to the finish line wins.
 *
 * Drawing one cell takes three calls (set_cursor_pos, set_term_color,
 * print) that must not interleave with another thread's, so each draw is
 * done under one mutex, `screen`; it also guards rand() and the winner.
 * The main thread joins every racer, then announces the winner below the
 * track.  On the serial console the cars come out one after the other
 * (serial has no cursor); the picture is on the screen.
 */
#include <abi/console.h>
#include <mutex.h>
#include <stdio.h>
#include <stdlib.h>
#include <syscall.h>
#include <thread.h>
#include <usage.h>

PROGRAM_USAGE("[RACERS]", "threads demo: 1-8 racer threads draw on the screen under a mutex");

#define MAX_RACERS  8
#define FINISH_COL  (CONSOLE_WIDTH - 2)
#define STACK_BYTES 4096

static mutex_t screen;
static int top_row;     /* the row of racer 0 */
static int winner = -1; /* guarded by screen */

static void draw(int row, int col, int color, char c)
{
    set_cursor_pos(row, col);
    set_term_color(color);
    print(1, &c);
}

static void *racer(void *arg)
{
    int id = (int)arg;
    int color = FGND_BBLUE + id % 7;
    for (int col = 0; col <= FINISH_COL; col++) {
        mutex_lock(&screen);
        if (col > 0)
            draw(top_row + id, col - 1, color, '=');
        draw(top_row + id, col, color, '>');
        if (col == FINISH_COL && winner < 0)
            winner = id;
        int pause = 5 + rand() % 40;
        mutex_unlock(&screen);
        sleep(pause);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 4;
    if (n < 1 || n > MAX_RACERS) {
        usage_print(argv[0]);
        return 1;
    }
    if (thr_init(STACK_BYTES) < 0 || mutex_init(&screen) < 0) {
        printf("racers: cannot start the thread library\n");
        return 1;
    }
    srand((unsigned)get_ticks());
    /* Make room for the track below the prompt (scrolling if need be). */
    for (int i = 0; i < n + 1; i++)
        printf("\n");
    int row, col;
    get_cursor_pos(&row, &col);
    top_row = row - n - 1;

    int tids[MAX_RACERS];
    for (int i = 0; i < n; i++) {
        mutex_lock(&screen);
        draw(top_row + i, FINISH_COL + 1, CONSOLE_DEFAULT_COLOR, '|');
        mutex_unlock(&screen);
        if ((tids[i] = thr_create(racer, (void *)i)) < 0) {
            printf("racers: cannot create thread %d\n", i);
            return 1;
        }
    }
    for (int i = 0; i < n; i++)
        thr_join(tids[i], NULL);
    set_term_color(CONSOLE_DEFAULT_COLOR);
    set_cursor_pos(top_row + n, 0);
    printf("racer %d (thread %d) won\n", winner, tids[winner]);
    return 0;
}
