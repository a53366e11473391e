/*
 * boot_info.h - kern/arch/boot.h over Multiboot v1 (multiboot.h): what the
 * loader passed, read the way kernel_main needs it.
 */
#ifndef ARCH_X86_BOOT_INFO_H
#define ARCH_X86_BOOT_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/x86/multiboot.h"

typedef struct multiboot_info boot_info_t;

struct boot_module {
    uint32_t start, end; /* physical, end exclusive */
    const char *name;    /* NULL if none */
};

static inline bool boot_magic_ok(uint32_t magic) { return magic == MULTIBOOT_BOOT_MAGIC; }

static inline const char *boot_cmdline(const boot_info_t *b)
{
    return (b->flags & MB_INFO_CMDLINE) ? (const char *)b->cmdline : NULL;
}

static inline uint32_t boot_module_count(const boot_info_t *b)
{
    return (b->flags & MB_INFO_MODS) ? b->mods_count : 0;
}

static inline struct boot_module boot_module(const boot_info_t *b, uint32_t i)
{
    const struct multiboot_mod *m = (const struct multiboot_mod *)b->mods_addr + i;
    return (struct boot_module){m->start, m->end, (const char *)m->string};
}

/* A range of usable RAM from the loader's memory map (physical). */
struct boot_ram {
    uint64_t base, len;
};

static inline bool boot_has_memory_map(const boot_info_t *b) { return (b->flags & MB_INFO_MMAP) != 0; }

/* The next usable RAM range after *cursor (start with 0) into *r; false
 * when there is none.  Multiboot entries are variable-sized: the cursor
 * is a byte offset into the map. */
static inline bool boot_ram_next(const boot_info_t *b, uint32_t *cursor, struct boot_ram *r)
{
    while (*cursor < b->mmap_length) {
        const struct multiboot_mmap *e = (const struct multiboot_mmap *)(b->mmap_addr + *cursor);
        *cursor += e->size + 4;
        if (e->type == 1) { /* available RAM */
            *r = (struct boot_ram){e->addr, e->len};
            return true;
        }
    }
    return false;
}

#endif
