/*
 * exec.c - replace the calling task's program.
 *
 * Order matters: the new address space is built completely (segments
 * loaded, stack with arguments) beside the old one; only when nothing can
 * fail any more is it switched in and the old one destroyed.  Any failure
 * leaves the caller exactly as it was, with a negative return.
 *
 * The initial stack (SPEC §1), from 0xFFFFFFFF down: the argument strings,
 * the argv array (argv[argc] == NULL), then the frame of
 * _main(argc, argv, stack_high, stack_low) under a zero return address.
 */
#include <abi/errors.h>
#include <abi/layout.h>

#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/fpu.h"
#include "arch/mmu.h"
#include "fs/ramdisk.h"
#include "lib/string.h"
#include "mm/alloc_fail.h"
#include "mm/kmalloc.h"
#include "proc/elf.h"
#include "proc/exec.h"
#include "proc/task.h"
#include "sched/sched.h"
#include "trace/trace.h"

static uint64_t page_round_up(uint64_t a) { return (a + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1); }

/* Fill the image region [start, end) that holds the n segments seg[order[0..n)]
 * (sorted, never overlapping: elf_parse): each byte is written once, with
 * the file's bytes or, where no file part covers it, zero. */
static int fill_region(struct vm *vm, const struct elf_image *img, const uint8_t *file, const int *order,
                       int n, uint32_t start, uint64_t end)
{
    uint64_t at = start;
    int r = 0;
    for (int k = 0; k < n && r == 0; k++) {
        const struct elf_segment *s = &img->seg[order[k]];
        r = vm_zero(vm, (uint32_t)at, (size_t)(s->vaddr - at));
        if (r == 0)
            r = vm_write(vm, s->vaddr, file + s->offset, s->filesz);
        at = (uint64_t)s->vaddr + s->filesz;
    }
    return r < 0 ? r : vm_zero(vm, (uint32_t)at, (size_t)(end - at));
}

/* Map the segments, merging any that share a page (then the page gets the
 * union of their permissions), and fill them from the file. */
static int load_segments(struct vm *vm, const struct elf_image *img, const uint8_t *file)
{
    /* Segments sorted by address (the ELF need not list them so). */
    int order[ELF_MAX_SEGMENTS];
    for (int i = 0; i < img->nsegments; i++) {
        int j = i;
        while (j > 0 && img->seg[order[j - 1]].vaddr > img->seg[i].vaddr) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    for (int i = 0; i < img->nsegments;) {
        int first = i;
        const struct elf_segment *s = &img->seg[order[i]];
        uint32_t start = PAGE_ROUND_DOWN(s->vaddr);
        uint64_t end = page_round_up((uint64_t)s->vaddr + s->memsz);
        uint32_t prot = VM_READ | (s->writable ? VM_WRITE : 0);
        for (i++; i < img->nsegments && img->seg[order[i]].vaddr < end; i++) {
            const struct elf_segment *t = &img->seg[order[i]];
            uint64_t tend = page_round_up((uint64_t)t->vaddr + t->memsz);
            if (tend > end)
                end = tend;
            if (t->writable)
                prot |= VM_WRITE;
        }
        int r = vm_map_unfilled(vm, start, (uint32_t)((end - start) / PAGE_SIZE), prot, REGION_IMAGE);
        if (r == 0)
            r = fill_region(vm, img, file, order + first, i - first, start, end);
        if (r < 0)
            return r;
    }
    return 0;
}

/* Build the initial stack; returns the initial %esp or 0 when out of memory.
 * The strings sit at the very top; below them, after alignment padding, the
 * argv array and the _main frame, with (%esp + 4) 16-byte aligned as the
 * i386 ABI expects at a function's entry. */
static uint32_t build_stack(struct vm *vm, int argc, char **argv)
{
    uint32_t strbytes = 0;
    for (int i = 0; i < argc; i++)
        strbytes += strlen(argv[i]) + 1;
    uint32_t strs = (strbytes + 3) & ~3u;
    uint32_t tables = (uint32_t)(argc + 1) * 4 + 5 * 4;
    uint32_t esp = (uint32_t)(((USER_MEM_END - strs - tables) & ~15ull) - 4);
    uint32_t bytes = (uint32_t)(USER_MEM_END - esp);
    uint32_t pages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE + 1; /* + one page of room */
    uint32_t low = (uint32_t)(USER_MEM_END - (uint64_t)pages * PAGE_SIZE);
    if (vm_map_unfilled(vm, low, pages, VM_READ | VM_WRITE, REGION_STACK) < 0 ||
        vm_zero(vm, low, esp - low) < 0)
        return 0;

    uint8_t *img = kzalloc(bytes); /* the stack's top bytes, built here first */
    if (!img)
        return 0;
    uint32_t *frame = (uint32_t *)img;
    uint32_t str_user = (uint32_t)(USER_MEM_END - strs);
    char *str_k = (char *)img + (str_user - esp);
    frame[0] = 0; /* return address of _main */
    frame[1] = (uint32_t)argc;
    frame[2] = esp + 5 * 4;    /* argv */
    frame[3] = USER_STACK_TOP; /* stack_high */
    frame[4] = low;            /* stack_low */
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]) + 1;
        frame[5 + i] = str_user;
        memcpy(str_k, argv[i], l);
        str_user += l;
        str_k += l;
    }
    frame[5 + argc] = 0;
    int r = vm_write(vm, esp, img, bytes);
    kfree(img);
    return r < 0 ? 0 : esp;
}

/* Registers of a program about to enter _main. */
void exec_initial_frame(trapframe_t *tf, uint32_t entry, uint32_t esp) { context_user_entry(tf, entry, esp); }

int exec_build(const char *name, char **argv, int argc, struct vm **out_vm, uint32_t *entry, uint32_t *esp,
               const char **file_name)
{
    const struct rd_file *f = ramdisk_find(name);
    if (!f || strcmp(name, ".") == 0)
        return -E_NOENT;
    struct elf_image img;
    if (elf_parse(f->data, f->size, USER_MEM_START, STACK_FLOOR, &img) < 0)
        return -E_NOEXEC;
    struct vm *vm = vm_create();
    if (!vm)
        return -E_NOMEM;
    int r = load_segments(vm, &img, f->data);
    if (r == 0 && !(*esp = build_stack(vm, argc, argv)))
        r = -E_NOMEM;
    if (r < 0) {
        vm_destroy(vm);
        return r;
    }
    *out_vm = vm;
    *entry = img.entry;
    *file_name = f->name;
    return 0;
}

int proc_exec(trapframe_t *tf, const char *name, char **argv, int argc)
{
    struct thread *self = sched_current();
    struct task *task = self->task;
    int r = task_claim_alone(task, self); /* holds until we return: see task.h */
    if (r < 0)
        return r;
    struct vm *vm;
    uint32_t entry, esp;
    const char *file_name;
    r = exec_build(name, argv, argc, &vm, &entry, &esp, &file_name);
    if (r < 0)
        return r;

    uint32_t was = irq_save();
    struct vm *old = task->vm;
    task->vm = vm;
    mmu_activate(vm->pd_pa);
    task->name = file_name; /* ps reads it with interrupts off */
    irq_restore(was);
    trace_exec(file_name);
    vm_destroy(old);

    self->swexn = (struct swexn_handler){0};
    alloc_fail_disarm_task(task->tid);
    fpu_reset_current();
    exec_initial_frame(tf, entry, esp);
    return 0;
}
