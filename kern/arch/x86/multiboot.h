/*
 * multiboot.h - the parts of the Multiboot v1 information structure we use:
 * the memory map, the command line and the modules (the RAM disk).
 */
#ifndef ARCH_X86_MULTIBOOT_H
#define ARCH_X86_MULTIBOOT_H

#include <stdint.h>

#define MULTIBOOT_BOOT_MAGIC 0x2BADB002u

#define MB_INFO_MEMORY  0x001u
#define MB_INFO_CMDLINE 0x004u
#define MB_INFO_MODS    0x008u
#define MB_INFO_MMAP    0x040u

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct multiboot_mod {
    uint32_t start, end;
    uint32_t string;
    uint32_t reserved;
} __attribute__((packed));

/* Each entry is preceded by its size (which does not count itself). */
struct multiboot_mmap {
    uint32_t size;
    uint64_t addr;
    uint64_t len;
    uint32_t type; /* 1 = available RAM */
} __attribute__((packed));

#endif
