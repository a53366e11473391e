/*
 * test_elf.c - proves that elf_parse (kern/proc/elf.c) accepts a well-formed
 * static i386 executable and rejects every malformed one a hostile program
 * could hand to exec: bad magic/class/type/machine, program headers outside
 * the file, segments outside user memory or wrapping 4 GiB, file data past
 * the end, filesz > memsz, overlapping segments, an entry point outside all
 * segments, truncated files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../kern/proc/elf.c"

#define LO 0x01000000u
#define HI 0xFC000000u

struct image {
    struct elf32_ehdr eh;
    struct elf32_phdr ph[3];
    uint8_t body[8192];
};

static struct image img;

/* A valid two-segment executable: text at LO, data at LO + 0x2000. */
static void build_valid(void)
{
    memset(&img, 0, sizeof(img));
    memcpy(img.eh.ident, "\x7f" "ELF", 4);
    img.eh.ident[4] = 1;
    img.eh.ident[5] = 1;
    img.eh.ident[6] = 1;
    img.eh.type = ET_EXEC;
    img.eh.machine = EM_386;
    img.eh.version = 1;
    img.eh.entry = LO + 0x10;
    img.eh.phoff = offsetof(struct image, ph);
    img.eh.phentsize = sizeof(struct elf32_phdr);
    img.eh.phnum = 2;
    img.eh.ehsize = sizeof(struct elf32_ehdr);
    img.ph[0] = (struct elf32_phdr){PT_LOAD, offsetof(struct image, body), LO, LO, 0x1000, 0x1000, 5, 0x1000};
    img.ph[1] = (struct elf32_phdr){PT_LOAD, offsetof(struct image, body) + 0x1000, LO + 0x2000, LO + 0x2000,
                                    0x800, 0x3000, 6, 0x1000};
}

static int parse(size_t size, struct elf_image *out)
{
    return elf_parse((const uint8_t *)&img, size, LO, HI, out);
}

static void valid_image_is_accepted(void **state)
{
    (void)state;
    build_valid();
    struct elf_image out;
    assert_int_equal(parse(sizeof(img), &out), 0);
    assert_int_equal(out.entry, LO + 0x10);
    assert_int_equal(out.nsegments, 2);
    assert_int_equal(out.seg[0].vaddr, LO);
    assert_false(out.seg[0].writable);
    assert_true(out.seg[0].executable);
    assert_int_equal(out.seg[1].memsz, 0x3000);
    assert_true(out.seg[1].writable);
}

static void bad_headers_are_rejected(void **state)
{
    (void)state;
    struct elf_image out;
    struct {
        size_t off;
        uint8_t val;
    } cases[] = {
        {0, 0x7e}, {1, 'X'}, {4, 2 /* 64-bit */}, {5, 2 /* big endian */},
        {offsetof(struct elf32_ehdr, type), 3 /* ET_DYN */},
        {offsetof(struct elf32_ehdr, machine), 62 /* x86-64 */},
        {offsetof(struct elf32_ehdr, phentsize), 16},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        build_valid();
        ((uint8_t *)&img)[cases[i].off] = cases[i].val;
        assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);
    }
}

static void truncated_files_are_rejected(void **state)
{
    (void)state;
    struct elf_image out;
    build_valid();
    assert_int_equal(parse(10, &out), -E_NOEXEC);                                 /* no header */
    assert_int_equal(parse(offsetof(struct image, ph) + 8, &out), -E_NOEXEC);     /* half a phdr */
    assert_int_equal(parse(offsetof(struct image, body) + 0x1000, &out), -E_NOEXEC); /* data cut */
    img.eh.phoff = 0xFFFFFFF0u; /* would wrap */
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);
}

static void segments_outside_user_memory_are_rejected(void **state)
{
    (void)state;
    struct elf_image out;
    uint32_t bad_vaddr[] = {0x100000 /* kernel */, LO - 0x1000, HI - 0x1000 /* runs past HI */,
                            0xFFFFF000u /* wraps */};
    for (size_t i = 0; i < sizeof(bad_vaddr) / sizeof(bad_vaddr[0]); i++) {
        build_valid();
        img.ph[1].vaddr = bad_vaddr[i];
        assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);
    }
    build_valid();
    img.ph[1].memsz = 0xFFFFFFFFu; /* vaddr + memsz wraps */
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);
}

static void inconsistent_segments_are_rejected(void **state)
{
    (void)state;
    struct elf_image out;
    build_valid();
    img.ph[1].filesz = img.ph[1].memsz + 1;
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);

    build_valid();
    img.ph[1].offset = 0xFFFFF000u; /* offset + filesz wraps */
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);

    build_valid();
    img.ph[1].vaddr = LO + 0x800; /* overlaps the text segment */
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);

    build_valid();
    img.eh.entry = LO + 0x8000; /* in no segment */
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);

    build_valid();
    img.ph[0].type = 4; /* PT_NOTE: ignored */
    img.ph[1].type = 4;
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC); /* nothing to load */
}

static void shared_page_is_allowed(void **state)
{
    (void)state;
    struct elf_image out;
    build_valid();
    img.ph[1].vaddr = LO + 0x1000 + 0x20; /* same page as nothing else; adjacent bytes ok */
    img.ph[0].memsz = 0x1020;
    img.ph[0].filesz = 0x1000;
    assert_int_equal(parse(sizeof(img), &out), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_image_is_accepted),
        cmocka_unit_test(bad_headers_are_rejected),
        cmocka_unit_test(truncated_files_are_rejected),
        cmocka_unit_test(segments_outside_user_memory_are_rejected),
        cmocka_unit_test(inconsistent_segments_are_rejected),
        cmocka_unit_test(shared_page_is_allowed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
