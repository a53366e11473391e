/*
 * elf.c - ELF32 header and program-header validation (see elf.h).
 * Every field read from the file is bounds-checked before use; arithmetic
 * is done in 64 bits so no sum can wrap.  The one thing accepted below lo
 * is a segment part holding only the file's headers, which is left out
 * (trim_headers_below: course-linked programs have one).
 */
#include "proc/elf.h"

#include <abi/errors.h>

#define EI_NIDENT 16
#define ET_EXEC   2
#define EM_386    3
#define PT_LOAD   1
#define PF_W      2

struct elf32_ehdr {
    uint8_t ident[EI_NIDENT];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

static int header_ok(const struct elf32_ehdr *h, size_t size)
{
    if (h->ident[0] != 0x7F || h->ident[1] != 'E' || h->ident[2] != 'L' || h->ident[3] != 'F')
        return 0;
    if (h->ident[4] != 1 /* 32-bit */ || h->ident[5] != 1 /* little endian */)
        return 0;
    if (h->type != ET_EXEC || h->machine != EM_386 || h->version != 1)
        return 0;
    if (h->phentsize != sizeof(struct elf32_phdr) || h->phnum == 0)
        return 0;
    return (uint64_t)h->phoff + (uint64_t)h->phnum * sizeof(struct elf32_phdr) <= size;
}

/* Whether the file bytes [off, off + len) are all ELF header or program
 * header table (with header_ok checked, both lie inside the file). */
static int only_headers(const struct elf32_ehdr *h, uint64_t off, uint64_t len)
{
    uint64_t end = off + len;
    uint64_t eh_end = sizeof(struct elf32_ehdr);
    uint64_t ph_end = (uint64_t)h->phoff + (uint64_t)h->phnum * sizeof(struct elf32_phdr);
    if (h->phoff <= eh_end && ph_end > eh_end)
        eh_end = ph_end; /* the table follows the header: one area */
    return end <= eh_end || (off >= h->phoff && end <= ph_end);
}

/*
 * `ld -Ttext 0x1000000` on current binutils (as the course links) puts a
 * first PT_LOAD at 0x00fff000 that maps only the ELF and program headers,
 * below lo.  Nothing needs them at run time, so leave out the part of a
 * segment below lo when it is file bytes from the header area and nothing
 * else: 1 if *p now starts at lo or was wholly left out (memsz 0); 0 when
 * the part below lo holds program contents or bss, which must be refused.
 * Call only after filesz <= memsz and the file range are checked.
 */
static int trim_headers_below(struct elf32_phdr *p, const struct elf32_ehdr *h, uint32_t lo)
{
    if (p->vaddr >= lo)
        return 1;
    uint32_t below = lo - p->vaddr;
    if (below > p->memsz)
        below = p->memsz;
    if (below > p->filesz || !only_headers(h, p->offset, below))
        return 0;
    p->vaddr += below;
    p->offset += below;
    p->filesz -= below;
    p->memsz -= below;
    return 1;
}

static int segment_ok(const struct elf32_phdr *p, size_t size, uint32_t lo, uint32_t hi)
{
    uint64_t end = (uint64_t)p->vaddr + p->memsz;
    return p->filesz <= p->memsz && p->memsz > 0 && p->vaddr >= lo && end <= hi &&
           (uint64_t)p->offset + p->filesz <= size;
}

/* Segments may share a page (the loader merges them) but not bytes. */
static int overlaps(const struct elf_image *img, const struct elf_segment *s)
{
    for (int i = 0; i < img->nsegments; i++) {
        const struct elf_segment *o = &img->seg[i];
        if ((uint64_t)s->vaddr < (uint64_t)o->vaddr + o->memsz &&
            (uint64_t)o->vaddr < (uint64_t)s->vaddr + s->memsz)
            return 1;
    }
    return 0;
}

int elf_parse(const uint8_t *file, size_t size, uint32_t lo, uint32_t hi, struct elf_image *out)
{
    if (size < sizeof(struct elf32_ehdr))
        return -E_NOEXEC;
    struct elf32_ehdr h;
    __builtin_memcpy(&h, file, sizeof(h)); /* the file may be unaligned */
    if (!header_ok(&h, size))
        return -E_NOEXEC;

    out->entry = h.entry;
    out->nsegments = 0;
    int entry_found = 0;
    for (int i = 0; i < h.phnum; i++) {
        struct elf32_phdr p;
        __builtin_memcpy(&p, file + h.phoff + (size_t)i * sizeof(p), sizeof(p));
        if (p.type != PT_LOAD || p.memsz == 0)
            continue;
        if (p.filesz > p.memsz || (uint64_t)p.offset + p.filesz > size || !trim_headers_below(&p, &h, lo))
            return -E_NOEXEC;
        if (p.memsz == 0) /* headers only, all below lo: nothing to load */
            continue;
        if (!segment_ok(&p, size, lo, hi) || out->nsegments == ELF_MAX_SEGMENTS)
            return -E_NOEXEC;
        struct elf_segment s = {p.vaddr, p.memsz, p.offset, p.filesz, (p.flags & PF_W) != 0};
        if (overlaps(out, &s))
            return -E_NOEXEC;
        out->seg[out->nsegments++] = s;
        if (h.entry >= s.vaddr && (uint64_t)h.entry < (uint64_t)s.vaddr + s.memsz)
            entry_found = 1;
    }
    return (out->nsegments > 0 && entry_found) ? 0 : -E_NOEXEC;
}
