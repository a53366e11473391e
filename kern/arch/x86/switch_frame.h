/*
 * switch_frame.h - the frame context_switch (switch.S) leaves on the stack
 * of a thread that is not running, lowest address first: the callee-saved
 * registers it pushed, then its return address.  A thread's saved_esp
 * points at it.  The one description of that layout: switch.S checks its
 * push order against the offsets below when it is assembled, the C side
 * checks the struct against them when it is compiled, and the GDB helpers
 * (tools/gdb/pebbles.py) read the struct from the debug information.
 * Included by C and by assembly.
 */
#ifndef ARCH_X86_SWITCH_FRAME_H
#define ARCH_X86_SWITCH_FRAME_H

#define SWITCH_EDI        0
#define SWITCH_ESI        4
#define SWITCH_EBX        8
#define SWITCH_EBP        12
#define SWITCH_RET        16
#define SWITCH_FRAME_SIZE 20

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct switch_frame {
    uint32_t edi, esi, ebx, ebp;
    uint32_t ret; /* where context_switch returns to */
};

_Static_assert(offsetof(struct switch_frame, edi) == SWITCH_EDI, "switch frame: edi");
_Static_assert(offsetof(struct switch_frame, esi) == SWITCH_ESI, "switch frame: esi");
_Static_assert(offsetof(struct switch_frame, ebx) == SWITCH_EBX, "switch frame: ebx");
_Static_assert(offsetof(struct switch_frame, ebp) == SWITCH_EBP, "switch frame: ebp");
_Static_assert(offsetof(struct switch_frame, ret) == SWITCH_RET, "switch frame: ret");
_Static_assert(sizeof(struct switch_frame) == SWITCH_FRAME_SIZE, "switch frame: size");
#endif

#endif
