# unit.mk - host unit tests (included by the top Makefile).
# Every tests/unit/test_*.c is one cmocka program, built twice: plain
# ($(BUILD)/unit/<name>) and under AddressSanitizer + UBSan
# ($(BUILD)/unit/<name>.asan).  The test harness runs every binary there.
# A test #includes the kernel source it tests.

HOST_CC     ?= gcc
UNIT_CFLAGS := -std=gnu11 -Wall -Wextra $(WERROR_FLAG) -DHOST_UNIT_TEST -Iinclude -Ikern -g -O1
UNIT_SRC    := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS   := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRC))
UNIT_ASAN   := $(addsuffix .asan,$(UNIT_BINS))

$(BUILD)/unit/%: tests/unit/%.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(UNIT_CFLAGS) -MMD -MP $< -o $@ -lcmocka

$(BUILD)/unit/%.asan: tests/unit/%.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(UNIT_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all $< -o $@ -lcmocka

.PHONY: unit-build unit-test
unit-build: $(UNIT_BINS) $(UNIT_ASAN)

unit-test: unit-build
	@$(PYTHON) tests/harness/run_tests.py --build $(BUILD) -k unit/
