# SPDX-License-Identifier: GPL-2.0-or-later
# make check-asan: every userspace program, libfootsock and every host
# test built with AddressSanitizer and UBSan (gcc), and the host suites
# run on them, recorded as "asan NAME" (declared in tests/asan-suites;
# .ci/run runs it after make check).
#
# The host tests name the programs they start as build/bin/... from the
# project root, so the sanitized build gets a root of its own:
# $(ASAN_ROOT) holds a symbolic link to every top-level entry of the tree
# but build/, and its own build/ is the sanitized $(O). The same rules
# (the component fragments) build it, run by a make in $(ASAN_ROOT) with
# other CFLAGS; build/ itself is never touched. ../shared (the real
# recordings test-analysis-realdata reads) is linked beside it.

ASAN_DIR := $(O)/asan
ASAN_ROOT := $(ASAN_DIR)/root
ASAN_SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
ASAN_CFLAGS := -O1 -g $(ASAN_SANITIZE)
# Tests run under mk/asan-run: leaks count, and a report of either
# sanitizer, from the test or any program it started, fails the test.

# Not run sanitized, because they run no program built here: the man
# page, configuration-key and completion checks read the sources; the
# install tests copy files; the package and DKMS tests build their own
# binaries (dpkg-buildpackage with Debian's flags, the kernel module).
ASAN_SKIP := test-man-pages test-man-keys test-completion test-install-docs \
	test-install test-dkms test-deb

# The make of the sanitized tree. CFLAGS through the environment, so that
# the fragments' target-specific CFLAGS += still apply; the results file
# too (ASAN_RESULTS), as a variable on the command line would reach every
# make a test runs (MAKEFLAGS) and have it record there.
ASAN_MAKE = env CFLAGS='$(ASAN_CFLAGS)' LDFLAGS='$(ASAN_SANITIZE)' \
	ASAN_RESULTS=$(RESULTS) \
	$(MAKE) --no-print-directory -C $(ASAN_ROOT) O=build \
	KSRC=$(abspath $(KSRC))

# make tracks no flags: a build made with other ones starts over.
asan-root:
	@mkdir -p $(ASAN_ROOT)
	@for f in $(filter-out $(O) build,$(wildcard * .ci)); do \
		ln -sfn $(CURDIR)/$$f $(ASAN_ROOT)/$$f; done
	@ln -sfn $(abspath ../shared) $(ASAN_DIR)/shared
	@echo '$(ASAN_CFLAGS)' | cmp -s - $(ASAN_ROOT)/build/.cflags || { \
		rm -rf $(ASAN_ROOT)/build; mkdir -p $(ASAN_ROOT)/build; \
		echo '$(ASAN_CFLAGS)' >$(ASAN_ROOT)/build/.cflags; }

check-asan: deps
	@$(MAKE) --no-print-directory check-asan-run

# A build failure is a failed test of its own; what did build still runs.
check-asan-run: asan-root
	@tests/lib/record asan build -- $(ASAN_MAKE) -k unit-build || true
	@$(ASAN_MAKE) asan-tests

# Run by $(ASAN_MAKE): $(UNIT_TESTS) are the sanitized tree's.
asan-tests:
	@status=0; for t in $(filter-out $(addprefix %/,$(ASAN_SKIP)),$(UNIT_TESTS)); do \
		RESULTS="$${ASAN_RESULTS:-$(RESULTS)}" \
		tests/lib/record asan "$$(basename $$t)" -- mk/asan-run $$t || status=1; \
	done; exit $$status

.PHONY: asan-root check-asan check-asan-run asan-tests
