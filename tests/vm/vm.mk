# SPDX-License-Identifier: GPL-2.0-or-later
# Programs the driver's VM tests (tests/vm/tests/) run in the guest. They
# are built for the host: the guest runs the same Debian userland.

BINS += $(O)/tests/vm/iio-capture $(O)/tests/vm/stream-check

# The expected calibration is the emulator's table (tools/emu/calib.c).
$(O)/tests/vm/iio-capture: $(O)/tests/vm/iio-capture.o $(O)/tools/emu/calib.o
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lm

$(O)/tests/vm/iio-capture.o: CPPFLAGS += -Itools/emu

$(O)/tests/vm/stream-check: $(O)/tests/vm/stream-check.o
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^
