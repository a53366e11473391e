# unit.mk - host unit tests.  Included by the top Makefile, or run alone:
#
#   make -f tests/unit/unit.mk [BUILD=build] unit-test    build and run all
#   make -f tests/unit/unit.mk [BUILD=build] unit-build   just build
#
# Every tests/unit/test_<name>.c is one cmocka program, built twice:
#   $(BUILD)/unit/test_<name>        plain, -O1 -g
#   $(BUILD)/unit/test_<name>.asan   AddressSanitizer + UBSan, first report fatal
# Nothing else executable goes into $(BUILD)/unit/: the test harness
# (tests/harness/run_tests.py, the one runner of these tests) runs every
# executable there as one test that passes when it exits 0.  unit-test
# builds them and runs the harness on them alone (--kind unit): one line per
# binary (logs in $(BUILD)/test-out/unit/), "N passed, N failed", and a
# failure if any binary fails.  `make test` runs them with everything else.
#
# A test #includes the kernel source it tests, so static functions are
# visible and nothing else is linked.  Shared test helpers live in
# tests/unit/include/.  Extra flags for one test: UNIT_FLAGS_<test name>.

BUILD   ?= build
HOST_CC ?= gcc
PYTHON  ?= python3
WERROR  ?= 1
ifndef Q
  ifneq ($(V),1)
    Q := @
  endif
endif
ifeq ($(WERROR),1)
  UNIT_WERROR := -Werror
endif

UNIT_CFLAGS := -std=gnu11 -Wall -Wextra $(UNIT_WERROR) -DHOST_UNIT_TEST \
  -Itests/unit/include -Iinclude -Ikern -I. -g -O1
UNIT_ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
UNIT_LIBS := -lcmocka

# string.c is compiled under other names (it would clash with the C
# library); keep gcc from treating its loops and calls as builtins.
UNIT_FLAGS_test_string := -fno-builtin -fno-tree-loop-distribute-patterns
# sched.c keeps addresses in 32 bits (thread stacks, the boot stack): the
# test keeps its memory below 4 GiB (MAP_32BIT, and a non-PIE binary).
UNIT_FLAGS_test_runqueue := -no-pie -fno-pie -Wno-pointer-to-int-cast -Wno-int-to-pointer-cast

UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRC))
UNIT_ASAN := $(addsuffix .asan,$(UNIT_BINS))

$(BUILD)/unit/%: tests/unit/%.c tests/unit/unit.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(UNIT_CFLAGS) $(UNIT_FLAGS_$*) -MMD -MP -MF $@.d $< -o $@ $(UNIT_LIBS)

$(BUILD)/unit/%.asan: tests/unit/%.c tests/unit/unit.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(UNIT_CFLAGS) $(UNIT_FLAGS_$*) $(UNIT_ASAN_FLAGS) -MMD -MP -MF $@.d $< -o $@ $(UNIT_LIBS)

.PHONY: unit-build unit-test unit-clean
unit-build: $(UNIT_BINS) $(UNIT_ASAN)

# Under the top Makefile the build phase only builds; its run phase runs.
ifeq ($(PEBBLES_PHASE),build)
unit-test: unit-build
	@:
else
unit-test: unit-build
	@$(PYTHON) tests/harness/run_tests.py --build $(BUILD) --kind unit
endif

unit-clean:
	rm -rf $(BUILD)/unit $(BUILD)/unit-log $(BUILD)/test-out/unit

-include $(wildcard $(BUILD)/unit/*.d)
