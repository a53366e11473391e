/* syscall_int.h - system-call vector names (SPEC §4); see include/abi. */
#ifndef _SYSCALL_INT_H
#define _SYSCALL_INT_H
#include <abi/syscall_int.h>
#endif
