# SPDX-License-Identifier: GPL-2.0-or-later
# Host tests that belong to no one component. Each test is a kselftest
# harness program: $(O)/tests/unit/NAME built from tests/unit/NAME.c plus
# the objects it lists.

UNIT_TESTS += $(O)/tests/unit/test-proto

$(O)/tests/unit/test-proto: $(O)/tests/unit/test-proto.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

# The man pages (docs/man) and the bash completion: TAP scripts, run from
# the source tree.
UNIT_TESTS += tests/unit/test-man-pages tests/unit/test-man-keys \
	tests/unit/test-completion tests/unit/test-install-docs \
	tests/unit/test-install

# Every example command line of README.md, docs/*.md and the man pages'
# EXAMPLES, run (docs/design.md, "Examples in the docs").
UNIT_TESTS += tests/unit/test-doc-examples
