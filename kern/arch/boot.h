/*
 * boot.h - what the boot loader tells the kernel, as kernel_main reads it.
 * Implemented by arch/x86/boot_info.h (Multiboot v1):
 *
 *   struct boot_info            the loader's record, opaque to kernel_main
 *   bool boot_magic_ok(magic)   were we started by a loader we understand?
 *   const char *boot_cmdline(b)          NULL if none
 *   uint32_t boot_module_count(b)
 *   struct boot_module boot_module(b, i) start, end and name of module i
 *   bool boot_has_memory_map(b)
 *   bool boot_ram_next(b, &cursor, &ram)  the next usable RAM range
 *                               (struct boot_ram: base, len); cursor from 0
 */
#ifndef ARCH_BOOT_H
#define ARCH_BOOT_H

#include "arch/x86/boot_info.h"

#endif
