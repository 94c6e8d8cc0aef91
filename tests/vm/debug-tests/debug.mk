# SPDX-License-Identifier: GPL-2.0-or-later
# make check-debug: the driver's VM suite and the stress tests of
# tests/vm/debug-tests/ on the debug kernel (tests/vm/mkdebugkernel:
# KASAN, KFENCE, UBSAN, lockdep, DEBUG_OBJECTS, kmemleak). Not part of
# make check: the kernel takes an hour to build, the run about as long
# (docs/testing.md). Its results go to their own file and summary.

BINS += $(O)/tests/vm/debug-tests/fs-stress

$(O)/tests/vm/debug-tests/fs-stress: $(O)/tests/vm/debug-tests/fs-stress.o
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

DEBUG_RESULTS := $(abspath $(O))/results-debug.txt

check-debug: deps
	@$(MAKE) --no-print-directory check-debug-run

# The driver's VM tests 10..69 (70 boots 6.1; 80 and up are the daemon's
# and packaging's), then the stress tests, each in its own debug guest.
check-debug-run:
	@rm -f $(DEBUG_RESULTS)
	@mkdir -p $(O)
	@RECORD_TIMEOUT=10800 RESULTS=$(DEBUG_RESULTS) O=$(O) tests/lib/record debug build -- \
		tests/vm/debug-tests/build || true
	@RECORD_TIMEOUT=14400 RESULTS=$(DEBUG_RESULTS) FOOTSOCK_VM_KERNEL=debug VM_SUITE=vm-debug \
		tests/vm/run-suite tests/vm/tests '[1-6][0-9]-*' || true
	@RECORD_TIMEOUT=36000 RESULTS=$(DEBUG_RESULTS) FOOTSOCK_VM_KERNEL=debug VM_SUITE=debug \
		tests/vm/run-suite tests/vm/debug-tests '[0-9]*' || true
	@tests/lib/summarize $(DEBUG_RESULTS) tests/debug-suites

.PHONY: check-debug check-debug-run
