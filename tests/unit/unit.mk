# unit.mk - host unit tests.  Included by the top Makefile, or run alone:
#
#   make -f tests/unit/unit.mk [BUILD=build] unit-test    build and run all
#   make -f tests/unit/unit.mk [BUILD=build] unit-build   just build
#
# Every tests/unit/test_<name>.c is one cmocka program, built twice:
#   $(BUILD)/unit/test_<name>        plain, -O1 -g
#   $(BUILD)/unit/test_<name>.asan   AddressSanitizer + UBSan, first report fatal
# Nothing else executable goes into $(BUILD)/unit/: the QEMU test harness
# runs every executable there as one test that passes when it exits 0.
# unit-test prints one line per binary (logs in $(BUILD)/unit-log/) and
# fails if any binary fails.
#
# A test #includes the kernel source it tests, so static functions are
# visible and nothing else is linked.  Shared test helpers live in
# tests/unit/include/.  Extra flags for one test: UNIT_FLAGS_<test name>.

BUILD   ?= build
HOST_CC ?= gcc
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
  -Itests/unit/include -Iinclude -Ikern -g -O1
UNIT_ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
UNIT_LIBS := -lcmocka

# string.c is compiled under other names (it would clash with the C
# library); keep gcc from treating its loops and calls as builtins.
UNIT_FLAGS_test_string := -fno-builtin -fno-tree-loop-distribute-patterns

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

unit-test: unit-build
	@mkdir -p $(BUILD)/unit-log
	@pass=0; fail=0; \
	for t in $(sort $(UNIT_BINS) $(UNIT_ASAN)); do \
	  log=$(BUILD)/unit-log/$$(basename $$t).log; \
	  if $$t >$$log 2>&1; then \
	    echo "  PASS  $$t"; pass=$$((pass + 1)); \
	  else \
	    echo "  FAIL  $$t (exit $$?, see $$log)"; fail=$$((fail + 1)); \
	  fi; \
	done; \
	echo "unit tests: $$pass passed, $$fail failed"; \
	test $$fail -eq 0

unit-clean:
	rm -rf $(BUILD)/unit $(BUILD)/unit-log

-include $(wildcard $(BUILD)/unit/*.d)
