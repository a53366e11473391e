/* true.c - do nothing, successfully: the smallest program (make bench's
 * fork_exec_wait_minimal execs it). */
#include <usage.h>

PROGRAM_USAGE("", "exit with status 0");

int main(void) { return 0; }
