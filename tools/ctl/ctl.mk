# SPDX-License-Identifier: GPL-2.0-or-later
# footsockctl: the command-line tool.

CTL_OBJS := $(addprefix $(O)/tools/ctl/, main.o analyze.o run.o report.o svg.o foot-shape.o json.o client.o \
	status.o list.o record.o output.o control.o events.o since.o watch.o stream.o)
# watch's renderer, kept apart from the terminal and the bus
CTL_OBJS += $(O)/tools/ctl/watch-render.o
# the profiles on disk, shared with footsockd (read only here)
CTL_OBJS += $(O)/tools/ctl/profile.o
CTL_SHARED_OBJS := $(O)/daemon/profile-store.o

BINS += $(O)/bin/footsockctl

$(CTL_OBJS): CPPFLAGS += -Idaemon/lib
$(O)/tools/ctl/profile.o $(O)/tools/ctl/analyze.o: CPPFLAGS += -Idaemon
$(CTL_OBJS): CFLAGS += $(call pkg_cflags,libsystemd)

$(O)/bin/footsockctl: $(CTL_OBJS) $(CTL_SHARED_OBJS) $(LIBFOOTSOCK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(call pkg_libs,libsystemd) -lm

# Host tests: the --since parser and the D-Bus client on their own, and
# every command against a real footsockd on a private bus (a TAP script,
# tests/ctl/).
CTL_UNIT_TESTS := $(O)/tests/unit/test-ctl-since $(O)/tests/unit/test-ctl-client
UNIT_TESTS += $(CTL_UNIT_TESTS) tests/ctl/test-footsockctl

# footsockctl report: its SVG read back against analyze and the recording,
# and its page opened in headless chromium (TAP scripts).
UNIT_TESTS += tests/unit/test-report tests/unit/test-report-chromium

$(O)/tests/unit/test-ctl-since.o: CPPFLAGS += -Itools/ctl
$(O)/tests/unit/test-ctl-client.o: CPPFLAGS += -Itools/ctl -Idaemon/lib

$(O)/tests/unit/test-ctl-since: $(O)/tests/unit/test-ctl-since.o $(O)/tools/ctl/since.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

# The client against a footsockd of an older API, served by the test.
$(O)/tests/unit/test-ctl-client: $(O)/tests/unit/test-ctl-client.o \
		$(O)/tools/ctl/client.o $(LIBFOOTSOCK)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(call pkg_libs,libsystemd) -lm

# footsockctl watch: the renderer's unit test, and the live view driven in
# tmux against footsockd on a private bus.
WATCH_UNIT_TESTS := $(addprefix $(O)/tests/unit/, test-watch-render test-watch-tmux)
UNIT_TESTS += $(WATCH_UNIT_TESTS)

$(O)/tests/unit/test-watch-%.o: CPPFLAGS += -Itools/ctl -Idaemon/lib
$(O)/tests/unit/test-watch-%.o: CFLAGS += $(call pkg_cflags,libsystemd)

$(O)/tests/unit/test-watch-render: $(O)/tests/unit/test-watch-render.o \
		$(O)/tools/ctl/watch-render.o $(O)/tools/ctl/foot-shape.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lm

$(O)/tests/unit/test-watch-tmux: $(O)/tests/unit/test-watch-tmux.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

$(O)/tests/unit/test-watch-tmux: | $(O)/bin/footsockd $(O)/bin/footsock-emu \
	$(O)/bin/footsockctl
