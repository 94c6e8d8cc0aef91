# SPDX-License-Identifier: GPL-2.0-or-later
# The helpers of `make bench` (tests/bench/run, docs/performance.md).
#
# iio-drain is built with the programs (the VM tests' build has it). The
# two baselines are built only by bench-run, so that `make programs` and
# `make check` never read the linux-source tarball for them:
# - csv-strtod: every field of a CSV through strtod(), the "just reading
#   the file" baseline of `footsockctl analyze`;
# - iio_generic_buffer: the kernel's own IIO buffer reader
#   (tools/iio/ of Debian's linux-source-6.12), linked statically so that
#   the guest runs it whatever the host's libraries are (the guest has
#   the same Debian userland anyway). The UAPI header it includes,
#   <linux/iio/buffer.h>, is linux-libc-dev's.
BINS += $(O)/tests/bench/iio-drain

$(O)/tests/bench/iio-drain: $(O)/tests/bench/iio-drain.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

BENCH_KSRC_IIO := $(O)/bench/ksrc-iio
BENCH_BINS := $(O)/tests/bench/csv-strtod $(O)/bench/iio_generic_buffer

$(O)/tests/bench/csv-strtod: $(O)/tests/bench/csv-strtod.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

$(BENCH_KSRC_IIO)/.stamp: $(LINUX_SOURCE_TARBALL)
	rm -rf $(@D) && mkdir -p $(@D)
	top=$$(tar -tJf $< 2>/dev/null | head -n 1 | cut -d/ -f1) && \
		tar -xJf $< -C $(@D) --strip-components=3 \
			"$$top/tools/iio/iio_generic_buffer.c" \
			"$$top/tools/iio/iio_utils.c" "$$top/tools/iio/iio_utils.h"
	touch $@

# The kernel's code, built as its own Makefile builds it (-O2 -Wall
# -D_GNU_SOURCE), without the project's -Werror: its warnings are not ours.
$(O)/bench/iio_generic_buffer: $(BENCH_KSRC_IIO)/.stamp
	$(CC) -O2 -g -Wall -D_GNU_SOURCE -static -o $@ \
		$(BENCH_KSRC_IIO)/iio_generic_buffer.c $(BENCH_KSRC_IIO)/iio_utils.c

bench-tools: $(BENCH_BINS)

.PHONY: bench-tools
