/*
 * ureg.h - the register snapshot a swexn handler receives (SPEC §3).
 * Layout is part of the ABI: 20 unsigned ints in exactly this order.
 */
#ifndef ABI_UREG_H
#define ABI_UREG_H

#define SWEXN_CAUSE_DIVIDE     0x00
#define SWEXN_CAUSE_DEBUG      0x01
#define SWEXN_CAUSE_BREAKPOINT 0x03
#define SWEXN_CAUSE_OVERFLOW   0x04
#define SWEXN_CAUSE_BOUNDCHECK 0x05
#define SWEXN_CAUSE_OPCODE     0x06
#define SWEXN_CAUSE_NOFPU      0x07
#define SWEXN_CAUSE_SEGFAULT   0x0B
#define SWEXN_CAUSE_STACKFAULT 0x0C
#define SWEXN_CAUSE_PROTFAULT  0x0D
#define SWEXN_CAUSE_PAGEFAULT  0x0E
#define SWEXN_CAUSE_FPUFAULT   0x10
#define SWEXN_CAUSE_ALIGNFAULT 0x11
#define SWEXN_CAUSE_SIMDFAULT  0x13

#ifndef __ASSEMBLER__
typedef struct ureg_t {
    unsigned int cause;
    unsigned int cr2;
    unsigned int ds;
    unsigned int es;
    unsigned int fs;
    unsigned int gs;
    unsigned int edi;
    unsigned int esi;
    unsigned int ebp;
    unsigned int zero; /* the %esp slot of pusha; ignored */
    unsigned int ebx;
    unsigned int edx;
    unsigned int ecx;
    unsigned int eax;
    unsigned int error_code;
    unsigned int eip;
    unsigned int cs;
    unsigned int eflags;
    unsigned int esp;
    unsigned int ss;
} ureg_t;
#endif

#endif
