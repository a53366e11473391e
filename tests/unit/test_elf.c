/*
 * test_elf.c - proves that elf_parse (kern/proc/elf.c) accepts a well-formed
 * static i386 executable and rejects every malformed one a hostile program
 * could hand to exec: bad magic/class/type/machine, program headers outside
 * the file, segments outside user memory or wrapping 4 GiB, file data past
 * the end, filesz > memsz, overlapping segments, an entry point outside all
 * segments, truncated files.  And the one exception to "within user
 * memory": a course-linked program's first PT_LOAD below LO that maps only
 * the ELF and program headers is left out, to the byte: one byte of program
 * contents or bss below LO is refused.
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
    memcpy(img.eh.ident,
           "\x7f"
           "ELF",
           4);
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
    img.ph[1] = (struct elf32_phdr){
        PT_LOAD, offsetof(struct image, body) + 0x1000, LO + 0x2000, LO + 0x2000, 0x800, 0x3000, 6, 0x1000};
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
        {0, 0x7e},
        {1, 'X'},
        {4, 2 /* 64-bit */},
        {5, 2 /* big endian */},
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
    assert_int_equal(parse(10, &out), -E_NOEXEC);                                    /* no header */
    assert_int_equal(parse(offsetof(struct image, ph) + 8, &out), -E_NOEXEC);        /* half a phdr */
    assert_int_equal(parse(offsetof(struct image, body) + 0x1000, &out), -E_NOEXEC); /* data cut */
    img.eh.phoff = 0xFFFFFFF0u;                                                      /* would wrap */
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

/* HDR_END: the ELF header and three program headers; body[] starts there. */
#define HDR_END (sizeof(struct elf32_ehdr) + 3 * sizeof(struct elf32_phdr))
_Static_assert(offsetof(struct image, body) == HDR_END, "body right after the headers");

/* As `ld -Ttext 0x1000000` links on current binutils: first a read-only
 * PT_LOAD at LO - 0x1000 holding only the headers, then text and data. */
static void build_course(void)
{
    build_valid();
    img.ph[2] = img.ph[1];
    img.ph[1] = img.ph[0];
    img.ph[0] = (struct elf32_phdr){PT_LOAD, 0, LO - 0x1000, LO - 0x1000, HDR_END, HDR_END, 4, 0x1000};
    img.eh.phnum = 3;
}

static void course_header_page_is_left_out(void **state)
{
    (void)state;
    struct elf_image out;
    build_course();
    assert_int_equal(parse(sizeof(img), &out), 0);
    assert_int_equal(out.nsegments, 2); /* the header page is not loaded */
    assert_int_equal(out.seg[0].vaddr, LO);
    assert_int_equal(out.seg[1].vaddr, LO + 0x2000);

    build_course(); /* the header part ends exactly at LO */
    img.ph[0].vaddr = LO - HDR_END;
    assert_int_equal(parse(sizeof(img), &out), 0);
    assert_int_equal(out.nsegments, 2);

    build_course(); /* only the program headers, in kernel memory: nothing lands there */
    img.ph[0] = (struct elf32_phdr){PT_LOAD, img.eh.phoff, 0x100000, 0x100000, 3 * 32, 3 * 32, 4, 0x1000};
    assert_int_equal(parse(sizeof(img), &out), 0);
    assert_int_equal(out.nsegments, 2);
}

static void content_below_lo_is_refused(void **state)
{
    (void)state;
    struct elf_image out;
    build_course(); /* one byte of program contents below LO */
    img.ph[0].filesz = img.ph[0].memsz = HDR_END + 1;
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);

    build_course(); /* one byte of bss below LO */
    img.ph[0].memsz = HDR_END + 1;
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);

    build_course(); /* headers only, but memsz reaches far into the kernel */
    img.ph[0].vaddr = 0x100000;
    img.ph[0].memsz = 0x1000;
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);

    build_valid(); /* text one byte below LO */
    img.ph[0].vaddr = LO - 1;
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);

    build_course(); /* from offset 0x10 on, the last 16 bytes are contents */
    img.ph[0].offset = 0x10;
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);

    build_course(); /* entry point in the left-out part */
    img.eh.entry = LO - 0x1000 + 0x10;
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);

    build_course(); /* filesz > memsz is malformed even below LO */
    img.ph[0].memsz = HDR_END - 1;
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);
}

/* Older binutils: one PT_LOAD holds the headers and then the text, so it
 * starts HDR_END bytes below LO; what is loaded starts exactly at LO. */
static void headers_then_text_starts_at_lo(void **state)
{
    (void)state;
    struct elf_image out;
    build_course();
    uint32_t both = HDR_END + 0x1000;
    img.ph[0] = (struct elf32_phdr){PT_LOAD, 0, LO - HDR_END, LO - HDR_END, both, both, 5, 0x1000};
    img.ph[1] = img.ph[2];
    img.eh.phnum = 2; /* bytes 116..147 are now no header: one slot too far */
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);

    img.eh.phnum = 3; /* the third header is a PT_NULL: still a header */
    img.ph[2].type = 0;
    assert_int_equal(parse(sizeof(img), &out), 0);
    assert_int_equal(out.nsegments, 2);
    assert_int_equal(out.seg[0].vaddr, LO);
    assert_int_equal(out.seg[0].offset, HDR_END);
    assert_int_equal(out.seg[0].filesz, 0x1000);
    assert_int_equal(out.seg[0].memsz, 0x1000);

    img.ph[0].vaddr = LO - HDR_END - 1; /* one content byte below LO */
    assert_int_equal(parse(sizeof(img), &out), -E_NOEXEC);
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
        cmocka_unit_test(course_header_page_is_left_out),
        cmocka_unit_test(content_below_lo_is_refused),
        cmocka_unit_test(headers_then_text_starts_at_lo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
