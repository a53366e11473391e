# Pebbles-x86 top-level build.  Everything is built out of tree under $(BUILD).
#
#   make            kernel image + RAM disk
#   make run        boot to the shell in QEMU (window if $DISPLAY, else curses)
#                   (run, run-serial, run-prog, test, trace: SMP=<n> CPUs, default 1)
#   make run-serial boot with the console on this terminal's stdin/stdout (scripting)
#   make run-prog PROG=<name> [ARGS=...] [EXTRA_PROGS=<dir>] [TIMEOUT=<s>]
#   make trace PROG=<name> [ARGS=...] [SMP=<n>] [TRACE=<categories>]   build/trace/<name>.json, .html
#   make test       host unit tests + every QEMU test, ends with "N passed, N failed"
#   make gdb        QEMU waiting for GDB, kernel symbols loaded
#   make bench      benchmarks (guest instructions and wall time)
#   make iso        $(BUILD)/pebbles.iso: GRUB, the kernel and the RAM disk (CD or USB stick)
#   make run-bochs  boot that ISO in Bochs
#   make playground the kernel in a browser tab (v86): a static site in $(BUILD)/playground
#   make serve      serve that site on http://127.0.0.1:$(PORT)/ (no network)
#   make deps       install the host packages (Debian/Ubuntu)
#   make format-check   clang-format --dry-run -Werror over the sources
#
# Sources are found by wildcard: add a file and it is built.  Every .c in
# user/progs/ and user/tests/ is one user program; so is every .c/.S at the
# top of $(EXTRA_PROGS), linked with the .c/.S of $(EXTRA_PROGS)/lib/, and
# prebuilt ELF files there are copied as they are.
#
# How one `make` runs (the front end, below):
#   1. Goals that build first prove the host tools (tools/deps.sh check),
#      installing what is missing when they can, while this file is read:
#      nothing is built, and nothing derived from the toolchain (LIBGCC,
#      GCC_INC) is computed, before the check has passed, even under -j.
#   2. tools/buildlock.sh runs the build phase (this file again, with
#      PEBBLES_PHASE=build) holding $(BUILD)/.build.lock, so concurrent makes
#      in one checkout build one at a time;
#   3. then, without that lock, the run phase (PEBBLES_PHASE=run) of run,
#      run-prog, test, ...: QEMU boots the RAM disk image built in step 2 for
#      this invocation, passed by path.  Images are named by a hash of their
#      file list, so makes with different EXTRA_PROGS never share one.
# Goals that do not build (clean, format, format-check, lint, deps) run
# directly and never install anything (format-check makes sure of
# clang-format only, lint of cppcheck, python3 and nm).

CC          := gcc
LD          := ld
WERROR      ?= 1
EXTRA_PROGS ?=
EXTRA_CFLAGS ?=
QEMU        ?= qemu-system-i386
QEMU_MEM    ?= 256
PYTHON      ?= python3
# Each compiler gets its own build directory unless BUILD is given, so
# `make test` and `make test CC=clang` never mix objects.
ifeq ($(notdir $(CC)),gcc)
  BUILD     ?= build
else
  BUILD     ?= build-$(notdir $(CC))
endif

TOOLLESS_GOALS := clean deps deps-check format format-check lint unit-clean
RUN_GOALS      := run run-serial run-prog trace gdb test bench unit-test serve run-bochs
# Goals that need node, npm and chromium too (tools/deps.sh check playground).
PLAYGROUND_GOALS := playground serve test
GOALS          := $(or $(MAKECMDGOALS),all)

ifeq ($(PEBBLES_PHASE),)
ifneq ($(filter-out $(TOOLLESS_GOALS),$(GOALS)),)
# ---------------------------------------------------------------- front end
ifneq ($(filter run-prog,$(GOALS)),)
  ifeq ($(PROG),)
    $(error usage: make run-prog PROG=<name> [ARGS=...] [EXTRA_PROGS=<dir>] [TIMEOUT=<s>])
  endif
endif
ifneq ($(filter trace,$(GOALS)),)
  ifeq ($(PROG),)
    $(error usage: make trace PROG=<name> [ARGS=...] [EXTRA_PROGS=<dir>] [SMP=<n>] [TRACE=<categories>])
  endif
endif
DEPS_STATUS := $(shell CC='$(CC)' QEMU='$(QEMU)' tools/deps.sh check build >&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
  $(error the host tools are not ready (see above); nothing was built)
endif
ifneq ($(filter $(PLAYGROUND_GOALS),$(GOALS)),)
  DEPS_STATUS := $(shell tools/deps.sh check playground >&2; echo $$?)
  ifneq ($(DEPS_STATUS),0)
    $(error node, npm or chromium is not ready (see above); nothing was built)
  endif
endif

.PHONY: $(GOALS) pebbles-front
$(GOALS): pebbles-front
	@:
pebbles-front:
	+@tools/buildlock.sh '$(BUILD)' '$(GOALS)' '$(filter $(RUN_GOALS),$(GOALS))' $(MAKE) --no-print-directory
PEBBLES_FRONT := 1
endif
endif

ifndef PEBBLES_FRONT
# V=1 shows every command.
ifeq ($(V),1)
  Q :=
else
  Q := @
endif

ifeq ($(WERROR),1)
  WERROR_FLAG := -Werror
endif

# Derived from the toolchain: only in the build phase, after the check
# (tools/deps.sh holds the one definition, which its check links against).
ifeq ($(PEBBLES_PHASE),build)
GCC_INC  := $(shell CC='$(CC)' tools/deps.sh print-gcc-inc)
LIBGCC   := $(shell CC='$(CC)' tools/deps.sh print-libgcc)
endif

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
# lib/ (code shared with user space) is found through -I.: "lib/x.h" is
# kern/lib/x.h (kernel only) if there is one, else lib/x.h.
# The kernel passes a function's first three word arguments in %eax, %edx
# and %ecx (-mregparm=3): a call costs no pushes and no reloads.  Only the
# kernel: user code keeps the course's stack convention.  The assembly that
# calls C or is called from C follows it (KERNEL_REGPARM, checked there);
# The kernel links no libgcc (lib/div64.h says why).
KREGPARM := 3
KCFLAGS := $(COMMON_CFLAGS) -mgeneral-regs-only -mregparm=$(KREGPARM) -DKERNEL_REGPARM=$(KREGPARM) \
  -Iinclude -Ikern -I. -D__KERNEL__
# `make UCFLAGS+=...` (or UCFLAGS=...) adds to these flags instead of
# replacing them (which used to drop -m32 from the user library).
override UCFLAGS := $(COMMON_CFLAGS) -Iuser/include -Iinclude $(UCFLAGS)
ASFLAGS_K := -m32 -g -ffile-prefix-map=$(CURDIR)=. -Iinclude -Ikern -D__KERNEL__ -DKERNEL_REGPARM=$(KREGPARM) -MMD -MP
ASFLAGS_U := -m32 -g -ffile-prefix-map=$(CURDIR)=. -Iuser/include -Iinclude -MMD -MP

.PHONY: all kernel ramdisk run run-serial run-prog trace test unit-test gdb bench deps deps-check \
  clean format format-check lint pebbles-image-path playground serve iso run-bochs

all: kernel ramdisk

# ---------------------------------------------------------------- kernel
KSRC_C := $(shell find kern lib -name '*.c' | LC_ALL=C sort)
KSRC_S := $(shell find kern -name '*.S' | LC_ALL=C sort)
KOBJS  := $(KSRC_C:%.c=$(BUILD)/%.o) $(KSRC_S:%.S=$(BUILD)/%.o)
KLDS   := kern/arch/x86/kernel.ld

# The kernel's objects depend on the flags they are compiled with: a
# checkout whose Makefile changes them (-mregparm, say) rebuilds the whole
# kernel instead of linking old objects with new ones.  The key file
# changes only when the flags do.
KFLAGS_KEY := $(BUILD)/kflags.key
$(KFLAGS_KEY): FORCE
	@mkdir -p $(dir $@)
	@echo '$(CC) $(KCFLAGS) $(ASFLAGS_K)' | cmp -s - $@ || echo '$(CC) $(KCFLAGS) $(ASFLAGS_K)' > $@

$(BUILD)/kern/%.o: kern/%.c $(KFLAGS_KEY)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/lib/%.o: lib/%.c $(KFLAGS_KEY)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/kern/%.o: kern/%.S $(KFLAGS_KEY)
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
	$(Q)$(LD) -m elf_i386 -z noexecstack -T $(KLDS) -o $(BUILD)/kernel.pass1 $(KOBJS) $(BUILD)/ksyms/empty.o
	$(Q)tools/gensyms.sh $(BUILD)/kernel.pass1 > $(BUILD)/ksyms/ksyms.S
	$(Q)$(CC) $(ASFLAGS_K) -c $(BUILD)/ksyms/ksyms.S -o $(BUILD)/ksyms/ksyms.o
	$(Q)$(LD) -m elf_i386 -z noexecstack -T $(KLDS) -o $@ $(KOBJS) $(BUILD)/ksyms/ksyms.o

kernel: $(BUILD)/kernel.elf

# ---------------------------------------------------------------- user space
# The user library links lib/ (strings, format engine, heap) as the kernel
# does, each side compiling it once with its own flags.
ULIB_SRC_C := $(shell find user/lib user/libthread lib -name '*.c' | LC_ALL=C sort)
ULIB_SRC_S := $(shell find user/lib user/libthread -name '*.S' | LC_ALL=C sort)
ULIB_OBJS  := $(patsubst %.c,$(BUILD)/u/%.o,$(ULIB_SRC_C)) $(patsubst %.S,$(BUILD)/u/%.o,$(ULIB_SRC_S))
ULIB       := $(BUILD)/user/libpebbles.a
ULDS       := user/user.ld

$(BUILD)/u/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(UCFLAGS) -I. -c $< -o $@

$(BUILD)/u/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(ASFLAGS_U) -c $< -o $@

$(ULIB): $(ULIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  AR      $@"
	$(Q)rm -f $@
	$(Q)ar rcsD $@ $^

# A test program may also be written in assembly (user/tests/<name>.S).
PROG_SRC := $(shell find user/progs user/tests -maxdepth 1 -name '*.c' | LC_ALL=C sort) \
            $(shell find user/tests -maxdepth 1 -name '*.S' | LC_ALL=C sort)
PROGS    := $(patsubst %,$(BUILD)/bin/%,$(basename $(notdir $(PROG_SRC))))

# A folder of outside programs (course tests as they are): every .c/.S at
# its top is a program; the .c/.S in its lib/ are linked into each of them;
# headers in it, its inc/ and its lib/ are found; EXTRA_CFLAGS add to their
# flags.  Built under a directory named by the folder and EXTRA_CFLAGS, so
# two folders (or flag sets) never share an object.
ifneq ($(EXTRA_PROGS),)
  EXTRA_DIR := $(abspath $(EXTRA_PROGS))
  EXTRA_KEY := $(shell printf '%s\n' '$(EXTRA_DIR)' '$(EXTRA_CFLAGS)' | md5sum | cut -c1-10)
  EXTRA_OUT := $(BUILD)/extra/$(notdir $(EXTRA_DIR))-$(EXTRA_KEY)
  EXTRA_SRC := $(shell find $(EXTRA_DIR) -maxdepth 1 \( -name '*.c' -o -name '*.S' \) | LC_ALL=C sort)
  EXTRA_LIB_SRC := $(shell find $(EXTRA_DIR)/lib -maxdepth 1 \( -name '*.c' -o -name '*.S' \) 2>/dev/null | LC_ALL=C sort)
  EXTRA_LIB_OBJS := $(patsubst $(EXTRA_DIR)/%,$(EXTRA_OUT)/%,$(addsuffix .o,$(basename $(EXTRA_LIB_SRC))))
  EXTRA_LIB := $(if $(EXTRA_LIB_SRC),$(EXTRA_OUT)/lib/libextra.a)
  EXTRA_BIN := $(shell for f in $$(find $(EXTRA_DIR) -maxdepth 1 -type f | LC_ALL=C sort); do \
                 head -c 4 "$$f" | grep -q ELF && echo "$$f"; done)
  EXTRA_INC := -I$(EXTRA_DIR) -I$(EXTRA_DIR)/inc -I$(EXTRA_DIR)/lib
  # Built apart from ours and packed after them: an outside program with
  # the name of one of ours replaces it in the RAM disk.
  EXTRA_PROGS_BIN := $(patsubst %,$(EXTRA_OUT)/bin/%,$(basename $(notdir $(EXTRA_SRC))))
endif

$(BUILD)/bin/%: $(BUILD)/u/user/progs/%.o $(ULIB) $(ULDS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) -m elf_i386 -z noexecstack -T $(ULDS) -o $@ $< $(ULIB) $(LIBGCC)

$(BUILD)/bin/%: $(BUILD)/u/user/tests/%.o $(ULIB) $(ULDS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) -m elf_i386 -z noexecstack -T $(ULDS) -o $@ $< $(ULIB) $(LIBGCC)

# course_link is linked the way the course links its programs, with no
# linker script (SPEC §4): its first PT_LOAD then holds only the ELF and
# program headers, at 0x00fff000.  An explicit rule wins over the pattern.
$(BUILD)/bin/course_link: $(BUILD)/u/user/tests/course_link.o $(ULIB)
	@mkdir -p $(dir $@)
	@echo "  LD      $@ (the course way: -Ttext 0x1000000)"
	$(Q)$(LD) -m elf_i386 -static -Ttext 0x1000000 --entry=_main -o $@ $< $(ULIB) $(LIBGCC)

ifneq ($(EXTRA_PROGS),)
# Outside programs are not ours to police: warnings stay warnings.
$(EXTRA_OUT)/%.o: $(EXTRA_DIR)/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(EXTRA_INC) $(filter-out -Werror -Wextra,$(UCFLAGS)) $(EXTRA_CFLAGS) -c $< -o $@
$(EXTRA_OUT)/%.o: $(EXTRA_DIR)/%.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(EXTRA_INC) $(ASFLAGS_U) -c $< -o $@
$(EXTRA_OUT)/lib/libextra.a: $(EXTRA_LIB_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@
	$(Q)ar rcsD $@ $^
$(EXTRA_OUT)/bin/%: $(EXTRA_OUT)/%.o $(EXTRA_LIB) $(ULIB) $(ULDS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(LD) -m elf_i386 -z noexecstack -T $(ULDS) -o $@ $< $(EXTRA_LIB) $(ULIB) $(LIBGCC)
endif

# ---------------------------------------------------------------- RAM disk
DATA_FILES := $(shell find user/files -maxdepth 1 -type f | LC_ALL=C sort)

# The index of programs and tests (tools/mkindex.sh), for the shell's help
# and ls: each program's usage line comes from its PROGRAM_USAGE.
PROGS_SRC := $(filter user/progs/%,$(PROG_SRC))
TESTS_SRC := $(filter user/tests/%,$(PROG_SRC))
INDEX     := $(BUILD)/index/programs.txt
$(INDEX): $(PROG_SRC) tools/mkindex.sh
	@mkdir -p $(dir $@)
	@echo "  INDEX   $@"
	$(Q)tools/mkindex.sh $@ $(PROGS_SRC) -- $(TESTS_SRC)

# Later files win over earlier ones of the same name: outside programs last.
RAMDISK_FILES := $(PROGS) $(DATA_FILES) $(INDEX) $(EXTRA_PROGS_BIN) $(EXTRA_BIN)

# One image per file list, named by its hash: makes with different
# EXTRA_PROGS (or a program come or gone) never take each other's image for
# up to date.  Written to a unique temporary name, then renamed.  The image
# without EXTRA_PROGS is also linked as $(BUILD)/initrd.cpio (for running
# the harness by hand).  tools/buildlock.sh removes old images when no QEMU
# may be about to open one.
IMAGE_KEY := $(shell printf '%s\n' $(RAMDISK_FILES) | md5sum | cut -c1-12)
IMAGE     := $(BUILD)/images/initrd-$(IMAGE_KEY).cpio

$(IMAGE): $(RAMDISK_FILES) tools/mkramdisk.sh
	@mkdir -p $(dir $@)
	@echo "  CPIO    $@"
	$(Q)tools/mkramdisk.sh $@ $(RAMDISK_FILES)

$(BUILD)/initrd.cpio: $(IMAGE)
	$(Q)ln -f $< $@.$$$$.tmp && mv -f $@.$$$$.tmp $@

ramdisk: $(IMAGE) $(if $(EXTRA_PROGS),,$(BUILD)/initrd.cpio)

# The run phase boots the image this invocation built (tools/buildlock.sh).
# Touched: the newest images are the ones kept.
pebbles-image-path: ramdisk
	@touch '$(IMAGE)'
	@echo '$(abspath $(IMAGE))' > '$(PEBBLES_IMAGE_FILE)'

# ---------------------------------------------------------------- ISO
# A bootable CD / USB-stick image (tools/mkiso.sh; the kernel command line
# is in tools/iso/grub.cfg) with this invocation's RAM disk.  The key file
# changes only when the image does, so switching EXTRA_PROGS remakes it.
ISO     := $(BUILD)/pebbles.iso
ISO_KEY := $(BUILD)/iso/image.key
$(ISO_KEY): FORCE
	@mkdir -p $(dir $@)
	@echo '$(IMAGE_KEY)' | cmp -s - $@ || echo '$(IMAGE_KEY)' > $@
$(ISO): $(BUILD)/kernel.elf $(IMAGE) $(ISO_KEY) tools/mkiso.sh tools/iso/grub.cfg
	@echo "  ISO     $@"
	$(Q)tools/mkiso.sh $@ $(BUILD)/kernel.elf $(IMAGE)

iso: $(ISO)
.PHONY: FORCE
FORCE:

# Keep intermediate objects (no rebuild of every program on each make).
.SECONDARY:

# ---------------------------------------------------------------- playground
# The kernel in a browser tab (tools/playground/, docs/playground.md): the
# page, v86 from npm (tools/playground/package-lock.json, installed once by
# npm-ci.sh, shared by every build directory), the kernel and the RAM disk
# this make built (EXTRA_PROGS included), and the index for the picker.
# The trace panel: the timeline and decoder of tools/trace/, and the record
# format read from the kernel's headers (format_json.py).
# npm-ci.sh itself knows when the packages are in (and does nothing then).
PLAYGROUND     := $(BUILD)/playground
PLAYGROUND_SRC := $(addprefix tools/playground/,index.html playground.js playground.css trace_panel.mjs) \
                  $(addprefix tools/trace/,timeline.js trace_chrome.mjs)
V86_FILES      := $(addprefix tools/playground/node_modules/v86/build/,libv86.mjs v86.wasm)

playground: $(BUILD)/kernel.elf $(IMAGE) $(INDEX) $(PLAYGROUND_SRC)
	$(Q)tools/playground/npm-ci.sh
	@echo "  SITE    $(PLAYGROUND)/"
	@mkdir -p $(PLAYGROUND)
	$(Q)cp $(PLAYGROUND_SRC) $(V86_FILES) $(BUILD)/kernel.elf $(PLAYGROUND)/
	$(Q)cp $(IMAGE) $(PLAYGROUND)/initrd.cpio
	$(Q)cp $(INDEX) $(PLAYGROUND)/programs.txt
	$(Q)$(PYTHON) tools/trace/format_json.py $(PLAYGROUND)/trace-format.json

# ---------------------------------------------------------------- running
-include tests/unit/unit.mk

ARGS    ?=
TIMEOUT ?= 60
SMP     ?= 1
TRACE   ?= all
PORT    ?= 8086
ifeq ($(PEBBLES_PHASE),run)
# IMAGE is the path the build phase wrote (tools/buildlock.sh); no
# prerequisites here: everything was built under the lock.
run:
	@INITRD='$(IMAGE)' PYTHON='$(PYTHON)' tools/qemu-run.sh interactive
run-serial:
	@INITRD='$(IMAGE)' PYTHON='$(PYTHON)' tools/qemu-run.sh serial
gdb:
	@INITRD='$(IMAGE)' PYTHON='$(PYTHON)' tools/qemu-run.sh gdb
run-prog:
	@$(PYTHON) tests/harness/run_prog.py --build $(BUILD) --initrd '$(IMAGE)' --timeout $(TIMEOUT) -- $(PROG) $(ARGS)
test:
	@$(PYTHON) tests/harness/run_tests.py --build $(BUILD) --initrd '$(IMAGE)' --cc '$(CC)'
bench:
	@$(PYTHON) tests/harness/bench.py --build $(BUILD) --initrd '$(IMAGE)'
trace:
	@$(PYTHON) tools/trace/run_trace.py --build $(BUILD) --initrd '$(IMAGE)' --timeout $(TIMEOUT) \
	  --smp $(SMP) --categories $(TRACE) -- $(PROG) $(ARGS)
serve:
	@$(PYTHON) tools/playground/serve.py '$(PLAYGROUND)' $(PORT)
run-bochs:
	@PYTHON='$(PYTHON)' tools/bochs-run.sh '$(ISO)'
else
run run-serial gdb run-prog trace bench: all
	@:
test: all unit-build playground iso
	@:
serve: playground
	@:
run-bochs: iso
	@:
endif

# ---------------------------------------------------------------- tests
deps:
	@tools/deps.sh install

deps-check:
	@CC='$(CC)' QEMU='$(QEMU)' tools/deps.sh check build

# ---------------------------------------------------------------- hygiene
SOURCES := $(shell find kern lib user tests/unit include -name '*.[ch]' | LC_ALL=C sort)

format:
	clang-format -i $(SOURCES)

format-check:
	@tools/deps.sh check format
	@echo "  FORMAT-CHECK  $(words $(SOURCES)) files"
	$(Q)clang-format --dry-run -Werror $(SOURCES)

lint:
	@tools/deps.sh check lint
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
	  --suppress=missingIncludeSystem -D__i386__ -Iinclude -Ikern -I. kern lib
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
	  --suppress=missingIncludeSystem -Iinclude -Iuser/include user/lib user/libthread user/progs
	tools/lint/unused-functions.sh
	tools/lint/layers.py $(BUILD)

clean:
	rm -rf $(BUILD)

export BUILD QEMU QEMU_MEM SMP

ifeq ($(PEBBLES_PHASE),build)
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
endif
endif # PEBBLES_FRONT
