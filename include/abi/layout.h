/*
 * layout.h - the address-space layout of SPEC §1, shared with user space.
 */
#ifndef ABI_LAYOUT_H
#define ABI_LAYOUT_H

#define PAGE_SIZE            0x1000
#define USER_MEM_START       0x01000000u
#define USER_STACK_TOP       0xFFFFFFFFu
/* One past the last user byte, the end of the 32-bit address space; 64 bits
 * wide so that the end of a range can be compared without wrapping. */
#define USER_MEM_END         0x100000000ull
/* The main thread's stack grows by itself (page faults below it) down to
 * this many bytes below USER_STACK_TOP; nothing else should live there. */
#define USER_STACK_MAX_BYTES (64u << 20)

/* Kernel log (vector 0x80): longest line kept; longer is cut. */
#define KLOG_MAX 256

#endif
