/*
 * elf.h - validating ELF32 executables (SPEC §1): static, i386, loaded by
 * program headers (PT_LOAD) into user memory.  Pure: no allocation, no
 * kernel state, so it is unit-tested on the host.
 */
#ifndef PROC_ELF_H
#define PROC_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16

struct elf_segment {
    uint32_t vaddr, memsz;   /* where and how big in memory */
    uint32_t offset, filesz; /* what to copy from the file */
    uint32_t writable;
};

struct elf_image {
    uint32_t entry;
    int nsegments;
    struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/* Check everything a loader relies on; fill out.  0 or -E_NOEXEC.
 * Segments must lie within [lo, hi), must not overlap each other except
 * in a shared page, and the entry point must be inside one of them.  The
 * one exception: a segment part below lo that maps only the ELF and
 * program headers (as `ld -Ttext 0x1000000` makes) is left out of *out,
 * and a segment that is nothing else is dropped. */
int elf_parse(const uint8_t *file, size_t size, uint32_t lo, uint32_t hi, struct elf_image *out);

#endif
