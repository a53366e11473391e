# Pebbles-x86 top-level build.  Everything is built out of tree under build/.
#
#   make            kernel image + RAM disk
#   make run        boot to the shell in QEMU (window if $DISPLAY, else curses)
#   make run-serial boot with the console on this terminal's stdin/stdout (scripting)
#   make run-prog PROG=<name> [ARGS=...] [EXTRA_PROGS=<dir>] [TIMEOUT=<s>]
#   make test       host unit tests + every QEMU test, ends with "N passed, N failed"
#   make gdb        QEMU waiting for GDB, kernel symbols loaded
#   make bench      benchmarks (guest instructions and wall time)
#   make deps       install missing host packages (Debian/Ubuntu)
#
# Sources are found by wildcard: add a file and it is built.  Every .c in
# user/progs/ and user/tests/ is one user program; so is every .c/.S in
# $(EXTRA_PROGS), and prebuilt ELF files there are copied as they are.

BUILD       ?= build
CC          := gcc
LD          := ld
WERROR      ?= 1
EXTRA_PROGS ?=
QEMU        ?= qemu-system-i386
QEMU_MEM    ?= 256
PYTHON      ?= python3

# V=1 shows every command.
ifeq ($(V),1)
  Q :=
else
  Q := @
endif

ifeq ($(WERROR),1)
  WERROR_FLAG := -Werror
endif

GCC_INC  := $(shell $(CC) -print-file-name=include)
LIBGCC   := $(shell $(CC) -m32 -print-libgcc-file-name)

# Which compiler $(CC) really is (a "cc" may be either): clang expands
# __clang__ to 1, gcc leaves the word alone.
CC_IS_CLANG := $(filter 1,$(shell echo __clang__ | $(CC) -E -P -x c - 2>/dev/null))
# Neither may turn the loops of our own memset/memcpy into calls to
# themselves.  gcc does so even when freestanding unless told not to; clang
# forms no library call from a loop when freestanding (-ffreestanding implies
# -fno-builtin), so it needs no flag of its own.
ifeq ($(CC_IS_CLANG),1)
  CC_FLAGS :=
else
  CC_FLAGS := -fno-tree-loop-distribute-patterns
endif

COMMON_CFLAGS := -m32 -std=gnu11 -ffreestanding -fno-pie -fno-pic \
  -fno-stack-protector -fcf-protection=none -fno-asynchronous-unwind-tables \
  -fno-omit-frame-pointer $(CC_FLAGS) -g -O2 -Wall -Wextra $(WERROR_FLAG) \
  -nostdinc -isystem $(GCC_INC) -ffile-prefix-map=$(CURDIR)=. -MMD -MP
KCFLAGS := $(COMMON_CFLAGS) -mgeneral-regs-only -Iinclude -Ikern -D__KERNEL__
UCFLAGS := $(COMMON_CFLAGS) -Iuser/include -Iinclude
ASFLAGS_K := -m32 -g -ffile-prefix-map=$(CURDIR)=. -Iinclude -Ikern -D__KERNEL__ -MMD -MP
ASFLAGS_U := -m32 -g -ffile-prefix-map=$(CURDIR)=. -Iuser/include -Iinclude -MMD -MP

.PHONY: all kernel ramdisk run run-serial run-prog test unit-test qemu-test gdb bench deps clean format lint FORCE

all: deps-check kernel ramdisk

# ---------------------------------------------------------------- kernel
KSRC_C := $(shell find kern -name '*.c' | LC_ALL=C sort)
KSRC_S := $(shell find kern -name '*.S' | LC_ALL=C sort)
KOBJS  := $(KSRC_C:%.c=$(BUILD)/%.o) $(KSRC_S:%.S=$(BUILD)/%.o)
KLDS   := kern/arch/x86/kernel.ld

$(BUILD)/kern/%.o: kern/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/kern/%.o: kern/%.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(ASFLAGS_K) -c $< -o $@

# Two-pass link: the second pass embeds the symbol table of the first so a
# panic can print a symbolized backtrace with no host tool.  The table lives
# after everything else in the image, so no code moves between the passes.
$(BUILD)/kernel.elf: $(KOBJS) $(KLDS) tools/gensyms.sh
	@mkdir -p $(BUILD)/ksyms
	@echo "  LD      $@"
	$(Q)tools/gensyms.sh /dev/null > $(BUILD)/ksyms/empty.S
	$(Q)$(CC) $(ASFLAGS_K) -c $(BUILD)/ksyms/empty.S -o $(BUILD)/ksyms/empty.o
	$(Q)$(LD) -m elf_i386 -z noexecstack -T $(KLDS) -o $(BUILD)/kernel.pass1 $(KOBJS) $(BUILD)/ksyms/empty.o $(LIBGCC)
	$(Q)tools/gensyms.sh $(BUILD)/kernel.pass1 > $(BUILD)/ksyms/ksyms.S
	$(Q)$(CC) $(ASFLAGS_K) -c $(BUILD)/ksyms/ksyms.S -o $(BUILD)/ksyms/ksyms.o
	$(Q)$(LD) -m elf_i386 -z noexecstack -T $(KLDS) -o $@ $(KOBJS) $(BUILD)/ksyms/ksyms.o $(LIBGCC)

kernel: $(BUILD)/kernel.elf

# ---------------------------------------------------------------- user space
# The user library reuses the kernel's portable string and format code.
ULIB_SRC_C := $(shell find user/lib user/libthread -name '*.c' | LC_ALL=C sort) kern/lib/string.c kern/lib/format.c kern/lib/heap.c
ULIB_SRC_S := $(shell find user/lib user/libthread -name '*.S' | LC_ALL=C sort)
ULIB_OBJS  := $(patsubst %.c,$(BUILD)/u/%.o,$(ULIB_SRC_C)) $(patsubst %.S,$(BUILD)/u/%.o,$(ULIB_SRC_S))
ULIB       := $(BUILD)/user/libpebbles.a
ULDS       := user/user.ld

$(BUILD)/u/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(UCFLAGS) -Ikern -c $< -o $@

$(BUILD)/u/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(ASFLAGS_U) -c $< -o $@

$(ULIB): $(ULIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  AR      $@"
	$(Q)rm -f $@
	$(Q)ar rcsD $@ $^

PROG_SRC := $(shell find user/progs user/tests -maxdepth 1 -name '*.c' | LC_ALL=C sort)
PROGS    := $(patsubst %.c,$(BUILD)/bin/%,$(notdir $(PROG_SRC)))

ifneq ($(EXTRA_PROGS),)
  EXTRA_DIR := $(abspath $(EXTRA_PROGS))
  EXTRA_SRC := $(shell find $(EXTRA_DIR) -maxdepth 1 \( -name '*.c' -o -name '*.S' \) | LC_ALL=C sort)
  EXTRA_BIN := $(shell for f in $$(find $(EXTRA_DIR) -maxdepth 1 -type f | LC_ALL=C sort); do \
                 head -c 4 "$$f" | grep -q ELF && echo "$$f"; done)
  # Built apart from ours and packed after them: an outside program with
  # the name of one of ours replaces it in the RAM disk.
  EXTRA_PROGS_BIN := $(patsubst %,$(BUILD)/extra/bin/%,$(basename $(notdir $(EXTRA_SRC))))
endif

$(BUILD)/bin/%: $(BUILD)/u/user/progs/%.o $(ULIB) $(ULDS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) -m elf_i386 -z noexecstack -T $(ULDS) -o $@ $< $(ULIB) $(LIBGCC)

$(BUILD)/bin/%: $(BUILD)/u/user/tests/%.o $(ULIB) $(ULDS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) -m elf_i386 -z noexecstack -T $(ULDS) -o $@ $< $(ULIB) $(LIBGCC)

# -- Issue 12, "course programs as they are" (compat).  Kept apart on purpose:
# (1) an assembly file user/tests/<name>.S is a test program too (built by
#     the .S -> .o rule above and the user/tests link rule);
# (2) course_link is linked the way the course links programs, with no
#     linker script; its first PT_LOAD then holds only the headers, at
#     0x00fff000 (an explicit rule, so it wins over the pattern rule).
PROG_SRC_S := $(shell find user/tests -maxdepth 1 -name '*.S' | LC_ALL=C sort)
PROGS      += $(patsubst %.S,$(BUILD)/bin/%,$(notdir $(PROG_SRC_S)))

$(BUILD)/bin/course_link: $(BUILD)/u/user/tests/course_link.o $(ULIB)
	@mkdir -p $(dir $@)
	@echo "  LD      $@ (course way: -Ttext 0x1000000)"
	$(Q)$(LD) -m elf_i386 -static -Ttext 0x1000000 --entry=_main -o $@ $< $(ULIB) $(LIBGCC)
# -- end of issue 12 block

ifneq ($(EXTRA_PROGS),)
# Outside programs are not ours to police: warnings stay warnings.
$(BUILD)/extra/%.o: $(EXTRA_DIR)/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(filter-out -Werror -Wextra,$(UCFLAGS)) -c $< -o $@
$(BUILD)/extra/%.o: $(EXTRA_DIR)/%.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(ASFLAGS_U) -c $< -o $@
$(BUILD)/extra/bin/%: $(BUILD)/extra/%.o $(ULIB) $(ULDS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) -m elf_i386 -z noexecstack -T $(ULDS) -o $@ $< $(ULIB) $(LIBGCC)
endif

# ---------------------------------------------------------------- RAM disk
DATA_FILES := $(shell find user/files -maxdepth 1 -type f | LC_ALL=C sort)

# Later files win over earlier ones of the same name: outside programs last.
RAMDISK_FILES := $(PROGS) $(DATA_FILES) $(EXTRA_PROGS_BIN) $(EXTRA_BIN)

# The list of files is a prerequisite too, rewritten only when it changes,
# so the image follows EXTRA_PROGS coming and going but is not rebuilt
# when nothing changed.
$(BUILD)/ramdisk.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(RAMDISK_FILES)' | cmp -s - $@ 2>/dev/null || echo '$(RAMDISK_FILES)' > $@

$(BUILD)/initrd.cpio: $(RAMDISK_FILES) tools/mkramdisk.sh $(BUILD)/ramdisk.list
	@echo "  CPIO    $@"
	$(Q)tools/mkramdisk.sh $@ $(RAMDISK_FILES)

ramdisk: $(BUILD)/initrd.cpio

FORCE:

# Keep intermediate objects (no rebuild of every program on each make).
.SECONDARY:

# ---------------------------------------------------------------- running
QEMU_BASE := $(QEMU) -m $(QEMU_MEM) -kernel $(BUILD)/kernel.elf -initrd $(BUILD)/initrd.cpio \
  -device isa-debug-exit,iobase=0xf4,iosize=0x04 -no-reboot -nic none

run: all
	@tools/qemu-run.sh interactive

run-serial: all
	@tools/qemu-run.sh serial

ARGS    ?=
TIMEOUT ?= 60
run-prog: all
	@test -n "$(PROG)" || { echo "usage: make run-prog PROG=<name> [ARGS=...] [EXTRA_PROGS=<dir>] [TIMEOUT=<s>]"; exit 2; }
	@$(PYTHON) tests/harness/run_prog.py --timeout $(TIMEOUT) -- $(PROG) $(ARGS)

gdb: all
	@tools/qemu-run.sh gdb

# ---------------------------------------------------------------- tests
-include tests/unit/unit.mk

test: deps-check all unit-build
	@$(PYTHON) tests/harness/run_tests.py --build $(BUILD)

bench: deps-check all
	@$(PYTHON) tests/harness/bench.py --build $(BUILD)

deps:
	@tools/deps.sh install

deps-check:
	@tools/deps.sh check

# ---------------------------------------------------------------- hygiene
SOURCES := $(shell find kern user tests/unit include -name '*.[ch]' | LC_ALL=C sort)

format:
	clang-format -i $(SOURCES)

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
	  --suppress=missingIncludeSystem -D__i386__ -Iinclude -Ikern kern
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
	  --suppress=missingIncludeSystem -Iinclude -Iuser/include user/lib user/libthread user/progs

clean:
	rm -rf $(BUILD)

export BUILD QEMU QEMU_MEM

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
