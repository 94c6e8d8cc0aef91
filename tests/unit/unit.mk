# SPDX-License-Identifier: GPL-2.0-or-later
# Host tests that belong to no one component. Each test is a kselftest
# harness program: $(O)/tests/unit/NAME built from tests/unit/NAME.c plus
# the objects it lists.

UNIT_TESTS += $(O)/tests/unit/test-proto

$(O)/tests/unit/test-proto: $(O)/tests/unit/test-proto.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^
