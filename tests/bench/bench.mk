# SPDX-License-Identifier: GPL-2.0-or-later
# Guest-side helpers of `make bench`.
BINS += $(O)/tests/bench/iio-drain

$(O)/tests/bench/iio-drain: $(O)/tests/bench/iio-drain.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^
