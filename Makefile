# SPDX-License-Identifier: GPL-2.0-or-later
#
# footsock: one Makefile for the kernel module, the userspace programs and
# every test. `make help` lists the targets.

# The one version of every part (debian/changelog's top entry).
VERSION := $(shell mk/version)
O ?= build
PREFIX ?= /usr/local
DESTDIR ?=

include mk/kernels.mk

# Nothing read when make parses this file may depend on a package that
# `make deps` installs: the same run would read it before the install.
# The kernel releases and the pkg-config flags are therefore recursive
# variables, resolved only in the recipes that use them, and `demo`,
# `check` and `bench` run their work in a new make once deps are in.
KVER_VM = $(shell mk/kver $(KSERIES_VM))
KDIR ?= /usr/src/linux-headers-$(KVER_VM)
pkg_cflags = $(shell $(PKG_CONFIG) --cflags $(1))
pkg_libs = $(shell $(PKG_CONFIG) --libs $(1))

# The kselftest harness and checkpatch come from Debian's linux-source
# package, extracted by `make deps` (never committed).
KSRC := $(O)/ksrc
KSELFTEST_DIR := $(KSRC)/tools/testing/selftests
CHECKPATCH := $(KSRC)/scripts/checkpatch.pl
LINUX_SOURCE_TARBALL := /usr/src/linux-source-$(KSERIES_VM).tar.xz

PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
# kernel/footsock_proto.h is shared with the driver and uses the kernel's
# __packed; userspace gets it here.
FS_CFLAGS := -std=c11 -D_GNU_SOURCE -DFOOTSOCK_VERSION='"$(VERSION)"' \
	-D'__packed=__attribute__((__packed__))' \
	-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wundef -Wvla \
	-I. -Ikernel -MMD -MP
FS_TEST_CFLAGS := -isystem $(KSELFTEST_DIR)

RESULTS := $(abspath $(O))/results.txt
export RESULTS

BINS :=
UNIT_TESTS :=

all: programs

# Each component adds its programs to BINS and its host tests (kselftest
# harness binaries) to UNIT_TESTS. Every fragment is required: a missing one is an error, not a smaller
# test suite.
include tests/unit/unit.mk
include tools/emu/emu.mk
include daemon/lib/lib.mk
include daemon/daemon.mk
include tools/ctl/ctl.mk
include tools/trace/trace.mk
include tests/bench/bench.mk
include tests/vm/vm.mk
include mk/deb.mk
include mk/fresh.mk
include mk/asan.mk
include tests/fuzz/fuzz.mk
include tests/accuracy/accuracy.mk
include tests/vm/debug-tests/debug.mk

programs: $(BINS)

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(FS_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/tests/%.o: tests/%.c $(KSRC)/.stamp
	@mkdir -p $(@D)
	$(CC) $(FS_CFLAGS) $(FS_TEST_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# $(O)/upstream holds a Linux tree and its builds (make upstream-check):
# none of its files is ours, so neither the .d files read here nor
# `make clean` ever look into it.
FIND_OURS = find $(O) -path $(O)/upstream -prune -o -type f
-include $(shell $(FIND_OURS) -name '*.d' -print 2>/dev/null)

# --- kernel module ---------------------------------------------------------
# Built out of the source tree, one build directory per kernel, so the 6.1
# and 6.12 builds never share objects.
KERNEL_SRCS := Kbuild $(wildcard kernel/*.c kernel/*.h kernel/Kbuild)

modules:
	mk/build-module $(KDIR) $(O)/modules/$$(cat $(KDIR)/include/config/kernel.release)

# A series whose headers are missing is a failed build, not a build that
# silently drops out of the summary. Each run builds from nothing in a directory of its own: an unchanged
# tree would otherwise compile nothing and hide a warning it still has.
modules-check:
	@for series in $(KSERIES_VM) 6.1; do \
		kver=$$(mk/kver $$series) || kver=$$series-missing; \
		out=$(O)/modules-check/$$kver; rm -rf $$out; \
		tests/lib/record module-build "$$series (W=1)" -- \
			mk/build-module /usr/src/linux-headers-$$kver $$out W=1; \
	done

# The driver as upstream would get it: a patch to Debian's linux-source-6.12
# (drivers/iio/pressure/footsock/, Kconfig, ABI file, MAINTAINERS), built in
# that tree for x86_64 and i386 with W=1 C=1, then checkpatch --strict on
# the patch and get_abi.pl validate. The tree and the builds stay in
# $(O)/upstream, so a rerun only rebuilds the driver (docs/testing.md).
upstream-check:
	@tests/lib/record upstream-check linux-6.12 -- mk/upstream-check $(O)/upstream

# --- dependencies ----------------------------------------------------------
deps:
	mk/deps

$(KSRC)/.stamp: $(LINUX_SOURCE_TARBALL)
	mk/extract-ksrc $< $(KSRC)

$(LINUX_SOURCE_TARBALL):
	@echo "$@ is missing: run 'make deps' (as root) first" >&2
	@exit 1

# --- tests -----------------------------------------------------------------
# `make check` installs what it needs (make deps), then, in a new make that
# reads the now-installed packages, runs every suite even when one fails
# and prints one "N passed, N failed" line over all of them.
check: deps
	@$(MAKE) --no-print-directory check-suites

check-suites:
	@rm -f $(RESULTS)
	@mkdir -p $(O)
	@$(MAKE) --no-print-directory -k modules-check upstream-check check-lint check-unit check-fuzz-replay check-vm || true
	@tests/lib/summarize $(RESULTS) tests/suites

# A build failure is a failed test of its own; what did build still runs.
check-unit:
	@tests/lib/record unit build -- $(MAKE) --no-print-directory -k unit-build || true
	@status=0; for t in $(UNIT_TESTS); do \
		tests/lib/record unit "$$(basename $$t)" -- $$t || status=1; \
	done; exit $$status

unit-build: $(UNIT_TESTS) programs

# The VM tests' build: the programs, the modules and the packages that
# test 90 installs.
check-vm:
	@tests/lib/record vm build -- $(MAKE) --no-print-directory -k programs vm-modules deb || true
	@tests/vm/run-suite tests/vm/tests

# The modules the VM loads (tests/vm/lib.sh: $(O)/modules/$(uname -r)):
# for the VM kernel and for 6.1, which test 70 boots.
vm-modules:
	@set -e; for series in $(KSERIES_VM) 6.1; do \
		kver=$$(mk/kver $$series) || { \
			echo "no $$series kernel headers: run 'make deps'" >&2; exit 1; }; \
		mk/build-module /usr/src/linux-headers-$$kver $(O)/modules/$$kver; \
	done

bench: deps
	@$(MAKE) --no-print-directory bench-run

bench-run: programs vm-modules bench-tools
	@tests/bench/run

demo: deps
	@$(MAKE) --no-print-directory demo-run

demo-run: programs vm-modules
	tests/vm/run --timeout 600 -- tests/vm/demo

# --- lint ------------------------------------------------------------------
lint: lint-checkpatch lint-sparse lint-cppcheck

# CAMELCASE: USB descriptor fields (bInterval...) are known only to a full
# tree; LINUX_VERSION_CODE: the version shims need it, in one header.
lint-checkpatch: $(KSRC)/.stamp
	$(CHECKPATCH) --strict --no-tree --show-types --terse \
		--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES,CAMELCASE,LINUX_VERSION_CODE \
		-f $(wildcard kernel/*.c kernel/*.h)

lint-sparse:
	mk/build-module /usr/src/linux-headers-$(KVER_VM) $(O)/modules/sparse-$(KVER_VM) C=2 W=1

lint-cppcheck: $(KSRC)/.stamp
	cppcheck --quiet --error-exitcode=1 --std=c11 --inline-suppr \
		--enable=warning,portability,performance --suppress='*:$(KSRC)/*' \
		-I kernel -I . -I $(KSELFTEST_DIR) -I tools/emu -D__linux__ \
		-D'__packed=__attribute__((__packed__))' \
		$(shell find daemon tools tests -name '*.c' ! -name '*.bpf.c' 2>/dev/null)

check-lint:
	@for t in checkpatch sparse cppcheck; do \
		tests/lib/record lint $$t -- $(MAKE) --no-print-directory lint-$$t; \
	done

# --- install ---------------------------------------------------------------
# Into the running system only as root, refused before anything is built
# or copied; the module through DKMS where dkms is installed.
INSTALL_NEEDS_ROOT = @if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" != 0 ]; then \
	echo "make $@ into the running system needs root: sudo make $@," \
		"or stage it with DESTDIR=..." >&2; exit 1; fi

install:
	$(INSTALL_NEEDS_ROOT)
	@$(MAKE) --no-print-directory programs
	mk/install "$(DESTDIR)" "$(PREFIX)" "$(O)"
	mk/install-module "$(DESTDIR)" "$(O)"

uninstall:
	$(INSTALL_NEEDS_ROOT)
	mk/install-module --uninstall "$(DESTDIR)" "$(O)"
	mk/install --uninstall "$(DESTDIR)" "$(PREFIX)" "$(O)"

clean:
	rm -rf $(O)/bin $(O)/obj $(O)/tests $(O)/modules $(O)/modules-check \
		$(O)/lib $(O)/results.txt
	$(FIND_OURS) \( -name '*.o' -o -name '*.d' \) -print 2>/dev/null | xargs rm -f

distclean:
	rm -rf $(O)

help:
	@echo 'make deps        install Debian packages, extract the kernel test'
	@echo '                 harness, build the VM image (root)'
	@echo 'make all         build the userspace programs'
	@echo 'make modules     build the kernel module (KDIR=... for another kernel)'
	@echo 'make check       every test: module builds, lint, host tests, VM tests'
	@echo 'make check-unit  host tests only'
	@echo 'make check-vm    VM tests only'
	@echo 'make check-asan  programs and host tests with ASan and UBSan'
	@echo 'make fuzz        libFuzzer on each parser, FUZZ_SECONDS=N each'
	@echo '                 (docs/testing.md)'
	@echo 'make check-debug the driver VM tests and stress tests on a KASAN,'
	@echo '                 lockdep, UBSAN, kmemleak kernel (docs/testing.md)'
	@echo 'make demo        the emulated sock in a VM, end to end'
	@echo 'make lint        checkpatch --strict, sparse, cppcheck'
	@echo 'make upstream-check  the driver as a patch to Linux 6.12: in-tree'
	@echo '                 W=1 C=1 builds (x86_64, i386), checkpatch, get_abi'
	@echo 'make bench       benchmarks: docs/performance.md (BENCH_LONG=1: and'
	@echo '                 30 min of footsockd memory)'
	@echo 'make accuracy    the analysis against a second runner model'
	@echo '                 (docs/accuracy.md)'
	@echo 'make deb         Debian packages footsock and footsock-dkms (build/deb)'
	@echo 'make check-fresh make demo and make check in clean bookworm roots (root)'
	@echo 'make install     install programs, unit, rules, the module (DKMS)'
	@echo '                 (DESTDIR, PREFIX); make uninstall removes them'

.PHONY: all programs modules modules-check upstream-check deps check check-suites \
	check-unit check-vm vm-modules unit-build bench bench-run demo demo-run lint lint-checkpatch lint-sparse \
	lint-cppcheck check-lint install uninstall clean distclean help
