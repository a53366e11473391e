/*
 * exec.h - building a program's address space from a RAM-disk file.
 */
#ifndef PROC_EXEC_H
#define PROC_EXEC_H

#include <stdint.h>

#include "arch/trap.h"
#include "mm/vm.h"

/* Limits on exec's arguments (documented in docs/syscalls.md). */
#define EXEC_MAX_ARGS     256
#define EXEC_MAX_ARGBYTES 16384 /* all strings, NULs included */
#define EXEC_MAX_NAME     256

/* Build a fresh address space running file name with argv[0..argc).
 * 0 with *vm, *entry, *esp set and *file_name the RAM disk's own copy of
 * the name (it lasts as long as the kernel), or -E_NOENT / -E_NOEXEC /
 * -E_NOMEM. */
int exec_build(const char *name, char **argv, int argc, struct vm **vm, uint32_t *entry, uint32_t *esp,
               const char **file_name);

/* The registers of a program about to enter _main at entry with stack esp. */
void exec_initial_frame(trapframe_t *tf, uint32_t entry, uint32_t esp);

#endif
