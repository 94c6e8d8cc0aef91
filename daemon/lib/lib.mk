# SPDX-License-Identifier: GPL-2.0-or-later
# libfootsock: the analysis and the recording formats (daemon/lib), and
# its host tests.

LIB_OBJS := $(addprefix $(O)/daemon/lib/, \
	params.o analysis.o import.o recording.o import_gaitpdb.o import_moticon.o \
	lines.o stream-record.o contrast.o profile.o)
LIBFOOTSOCK := $(O)/lib/libfootsock.a

$(LIBFOOTSOCK): $(LIB_OBJS)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

BINS += $(LIBFOOTSOCK)

ANALYSIS_UNIT_TESTS := $(addprefix $(O)/tests/unit/, \
	test-analysis-gait test-analysis-import test-analysis-realdata \
	test-analysis-scenarios test-analysis-chunks test-analysis-trend \
	test-analysis-faults test-analysis-evidence test-analysis-contrast \
	test-analysis-neuroma \
	test-profile)
UNIT_TESTS += $(ANALYSIS_UNIT_TESTS)

$(ANALYSIS_UNIT_TESTS): $(O)/tests/unit/%: $(O)/tests/unit/%.o $(LIBFOOTSOCK)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lm

$(O)/tests/unit/test-analysis-%.o: CPPFLAGS += -Idaemon/lib

# The relief test drives the emulator's model, linked (its truth at hand).
UNIT_TESTS += $(O)/tests/unit/test-analysis-relief

$(O)/tests/unit/test-analysis-relief: $(O)/tests/unit/test-analysis-relief.o \
		$(LIBFOOTSOCK) $(O)/tools/emu/model.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lm

$(O)/tests/unit/test-analysis-relief.o: CPPFLAGS += -Itools/emu

# The scenario test runs the emulator and footsockctl.
$(O)/tests/unit/test-analysis-scenarios: | $(O)/bin/footsock-emu $(O)/bin/footsockctl
$(O)/tests/unit/test-analysis-chunks: | $(O)/bin/footsock-emu
$(O)/tests/unit/test-analysis-contrast: | $(O)/bin/footsock-emu $(O)/bin/footsockctl

$(O)/tests/unit/test-profile.o: CPPFLAGS += -Idaemon/lib

# The own-normal test drives the emulator's model for both feet, linked.
UNIT_TESTS += $(O)/tests/unit/test-analysis-profile

$(O)/tests/unit/test-analysis-profile: $(O)/tests/unit/test-analysis-profile.o \
		$(LIBFOOTSOCK) $(O)/tools/emu/model.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lm

$(O)/tests/unit/test-analysis-profile.o: CPPFLAGS += -Itools/emu
