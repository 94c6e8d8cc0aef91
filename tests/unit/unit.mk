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

# Who may read the socks' data: the real bus policy on a private
# dbus-daemon, footsockd --replay, clients as nobody, as a member of group
# footsock and as root (a TAP script; needs root and the programs).
UNIT_TESTS += tests/unit/test-daemon-access

# Every example command line of README.md, docs/*.md and the man pages'
# EXAMPLES, run (docs/design.md, "Examples in the docs").
UNIT_TESTS += tests/unit/test-doc-examples

# footsockd against faults: sysfs errors on a synthetic IIO tree, in
# process (linked as daemon.mk links its tests; the libraries are named
# here because this fragment is read before daemon.mk and lib.mk). The
# daemon's open() goes through the test's wrapper, which fails the nth.
UNIT_TESTS += $(O)/tests/unit/test-daemon-faults

$(O)/tests/unit/test-daemon-faults: $(O)/tests/unit/test-daemon-faults.o \
		$(O)/daemon/libfootsockd.a $(O)/lib/libfootsock.a
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--wrap=open -o $@ $^ $(FOOTSOCKD_LIBS)

# footsockd's recordings against a full disk (a tmpfs in a mount
# namespace: root) and SIGKILL, end to end on the replay daemon.
UNIT_TESTS += $(O)/tests/unit/test-daemon-record-faults

$(O)/tests/unit/test-daemon-record-faults: \
		$(O)/tests/unit/test-daemon-record-faults.o $(O)/lib/libfootsock.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(FOOTSOCKD_LIBS)
$(O)/tests/unit/test-daemon-record-faults: | $(O)/bin/footsockd $(O)/bin/footsockctl
