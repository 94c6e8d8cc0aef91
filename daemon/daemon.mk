# SPDX-License-Identifier: GPL-2.0-or-later
# footsockd: the systemd service, and its host tests.

FOOTSOCKD_OBJS := $(addprefix $(O)/daemon/, \
	manager.o udev.o bus.o status.o sock.o replay.o recorder.o recordings.o \
	bus-manager.o bus-sock.o journal.o ratelimit.o events.o textfile.o \
	config.o iio.o util.o access.o stream.o probe.o profile-store.o \
	profile-run.o)
FOOTSOCKD_LIB := $(O)/daemon/libfootsockd.a
FOOTSOCKD_LIBS = $(call pkg_libs,libsystemd libudev) -lm

BINS += $(O)/bin/footsockd

$(FOOTSOCKD_OBJS) $(O)/daemon/main.o: CPPFLAGS += -Idaemon/lib
$(FOOTSOCKD_OBJS) $(O)/daemon/main.o: CFLAGS += \
	$(call pkg_cflags,libsystemd libudev)

$(FOOTSOCKD_LIB): $(FOOTSOCKD_OBJS)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

# The probe point (daemon/probe.h) goes into .dynsym as well, where a
# stripped footsockd (a package's) keeps it for footsock-trace --daemon.
$(O)/bin/footsockd: $(O)/daemon/main.o $(FOOTSOCKD_LIB) $(LIBFOOTSOCK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) \
		-Wl,--export-dynamic-symbol=footsockd_probe_scans_analyzed \
		-o $@ $^ $(FOOTSOCKD_LIBS)

DAEMON_UNIT_TESTS := $(addprefix $(O)/tests/unit/, \
	test-daemon-config test-daemon-iio test-daemon-sock test-daemon-replay \
	test-daemon-ratelimit test-daemon-stream test-daemon-profile-store)
UNIT_TESTS += $(DAEMON_UNIT_TESTS)

$(O)/tests/unit/test-daemon-%.o: CPPFLAGS += -Idaemon -Idaemon/lib

$(DAEMON_UNIT_TESTS): $(O)/tests/unit/%: $(O)/tests/unit/%.o $(FOOTSOCKD_LIB) $(LIBFOOTSOCK)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(FOOTSOCKD_LIBS)

# The end-to-end test runs the daemon on a replay made by the emulator.
$(O)/tests/unit/test-daemon-replay: | $(O)/bin/footsockd $(O)/bin/footsock-emu $(O)/bin/footsockctl
