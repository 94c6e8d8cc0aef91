# SPDX-License-Identifier: GPL-2.0-or-later
# make accuracy: the analysis against recordings of a second runner model,
# written for the purpose and independent of tools/emu (tests/accuracy/,
# docs/accuracy.md). Not part of make check, which runs its smoke test.

ACC_MODEL := $(O)/tests/accuracy/accuracy-model
ACC_OBJS := $(addprefix $(O)/tests/accuracy/, names.o rng.o runner.o \
	session.o gait.o plantar.o fit.o thermal.o sensor.o dropout.o \
	writer.o matrix.o generate.o main.o)

# Plain userspace objects: no kselftest harness (the $(O)/tests/%.o rule).
$(ACC_OBJS): $(O)/tests/accuracy/%.o: tests/accuracy/%.c
	@mkdir -p $(@D)
	$(CC) $(FS_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(ACC_MODEL): $(ACC_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lm

accuracy: $(ACC_MODEL) $(O)/bin/footsockctl
	tests/accuracy/run $(ACC_MODEL) $(O)/bin/footsockctl $(O)/accuracy \
		docs/accuracy.md

# The smoke test: two short recordings through footsockctl analyze, and
# the scorer on a fixed input (TAP, from the top of the tree).
UNIT_TESTS += tests/accuracy/test-accuracy-smoke
unit-build: $(ACC_MODEL)

.PHONY: accuracy
