/*
 * arch/boot.h for host unit tests: stands in for kern/arch/boot.h.  Nothing
 * boots on the host, so the loader's record is only a name (mm/frame.h's
 * frames_init takes one).
 */
#ifndef ARCH_BOOT_H
#define ARCH_BOOT_H

typedef struct boot_info boot_info_t;

#endif
