/*
 * ksyms.h - the kernel's own symbol table (embedded at link time by
 * tools/gensyms.sh) and the frame-pointer backtrace that uses it.
 */
#ifndef LIB_KSYMS_H
#define LIB_KSYMS_H

#include <stdint.h>

/* Name of the function containing addr and the offset into it, or NULL. */
const char *ksyms_lookup(uint32_t addr, uint32_t *offset);
/* Print "  #n 0xADDR func+0xoff" lines, walking saved %ebp from ebp. */
void backtrace_print(uint32_t eip, uint32_t ebp);

#endif
