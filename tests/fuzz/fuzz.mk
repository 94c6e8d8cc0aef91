# SPDX-License-Identifier: GPL-2.0-or-later
# Fuzzing (systemd's src/fuzz pattern): tests/fuzz/fuzz-NAME.c, one per
# parser of outside bytes, each defining LLVMFuzzerTestOneInput; a seed
# corpus per target in tests/fuzz/corpus/NAME/ and every crasher found in
# tests/fuzz/regress/NAME/.
#
# - make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS="config iio"]: libFuzzer
#   binaries (clang -fsanitize=fuzzer,address,undefined) in $(FUZZ_O),
#   each target run for N seconds, one after the other (tests/fuzz/run).
# - make check: the same files built with gcc, AddressSanitizer and
#   UBSan, with replay-main.c for a main, replay every seed and
#   regression input ("fuzz-replay NAME" in tests/suites).
#
# The rules below build $(O)/tests/fuzz/fuzz-NAME for whatever $(O), CC
# and CFLAGS the make was given; FUZZ_ENGINE=libfuzzer links libFuzzer's
# main instead of replay-main.o.

FUZZ_TARGETS := import-footsock import-moticon import-gaitpdb config iio \
	recordings emu-replay profile
FUZZ_SECONDS ?= 60
FUZZ_ENGINE ?= replay
FUZZ_O := $(O)/fuzz
FUZZ_CC ?= clang
FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SANITIZE)

FUZZ_DIR = $(O)/tests/fuzz
FUZZ_BINS = $(addprefix $(FUZZ_DIR)/fuzz-,$(FUZZ_TARGETS))
FUZZ_LIB_TARGETS := import-footsock import-moticon import-gaitpdb profile
FUZZ_DAEMON_TARGETS := config iio recordings

ifeq ($(FUZZ_ENGINE),libfuzzer)
FUZZ_MAIN :=
FUZZ_LDFLAGS := -fsanitize=fuzzer
else
FUZZ_MAIN := $(FUZZ_DIR)/replay-main.o
FUZZ_LDFLAGS :=
endif

# daemon/replay.h and tools/emu/replay.h: each target sees one of them.
$(FUZZ_DIR)/%.o: CPPFLAGS += -Itests/fuzz
$(patsubst %,$(FUZZ_DIR)/fuzz-%.o,$(FUZZ_LIB_TARGETS) $(FUZZ_DAEMON_TARGETS)): \
	CPPFLAGS += -Idaemon -Idaemon/lib
$(patsubst %,$(FUZZ_DIR)/fuzz-%.o,$(FUZZ_DAEMON_TARGETS)): \
	CFLAGS += $(call pkg_cflags,libsystemd libudev)
$(FUZZ_DIR)/fuzz-emu-replay.o: CPPFLAGS += -Itools/emu

$(addprefix $(FUZZ_DIR)/fuzz-,$(FUZZ_LIB_TARGETS)): $(FUZZ_DIR)/fuzz-%: \
		$(FUZZ_DIR)/fuzz-%.o $(FUZZ_MAIN) $(LIBFOOTSOCK)
	$(CC) $(CFLAGS) $(LDFLAGS) $(FUZZ_LDFLAGS) -o $@ $^ -lm

$(addprefix $(FUZZ_DIR)/fuzz-,$(FUZZ_DAEMON_TARGETS)): $(FUZZ_DIR)/fuzz-%: \
		$(FUZZ_DIR)/fuzz-%.o $(FUZZ_MAIN) $(FOOTSOCKD_LIB) $(LIBFOOTSOCK)
	$(CC) $(CFLAGS) $(LDFLAGS) $(FUZZ_LDFLAGS) -o $@ $^ $(FOOTSOCKD_LIBS)

$(FUZZ_DIR)/fuzz-emu-replay: $(FUZZ_DIR)/fuzz-emu-replay.o $(FUZZ_MAIN) \
		$(EMU_LIB_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) $(FUZZ_LDFLAGS) -pthread -o $@ $^ $(EMU_LDLIBS)

fuzz-bins: $(FUZZ_BINS)

# --- make check: the corpora replayed ---------------------------------------
# In the sanitized tree of mk/asan.mk (gcc, ASan + UBSan), so that a read
# past a buffer fails the replay as it fails the fuzzer.
check-fuzz-replay: asan-root
	@tests/lib/record fuzz-replay build -- $(ASAN_MAKE) -k fuzz-bins || true
	@status=0; for t in $(FUZZ_TARGETS); do \
		dirs=tests/fuzz/corpus/$$t; \
		[ -d tests/fuzz/regress/$$t ] && dirs="$$dirs tests/fuzz/regress/$$t"; \
		tests/lib/record fuzz-replay $$t -- mk/asan-run \
			$(ASAN_ROOT)/build/tests/fuzz/fuzz-$$t $$dirs || status=1; \
	done; exit $$status

# --- make fuzz ---------------------------------------------------------------
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-run

# make tracks no flags: a build made with other ones starts over.
fuzz-build:
	@echo '$(FUZZ_CC) $(FUZZ_CFLAGS)' | cmp -s - $(FUZZ_O)/.cflags || { \
		rm -rf $(FUZZ_O)/daemon $(FUZZ_O)/lib $(FUZZ_O)/tools $(FUZZ_O)/tests; \
		mkdir -p $(FUZZ_O); echo '$(FUZZ_CC) $(FUZZ_CFLAGS)' >$(FUZZ_O)/.cflags; }
	@CFLAGS='$(FUZZ_CFLAGS)' $(MAKE) --no-print-directory O=$(FUZZ_O) \
		KSRC=$(KSRC) CC=$(FUZZ_CC) \
		FUZZ_ENGINE=libfuzzer FUZZ_TARGETS='$(FUZZ_TARGETS)' fuzz-bins

fuzz-run: fuzz-build
	@tests/fuzz/run $(FUZZ_O) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

.PHONY: fuzz fuzz-build fuzz-run fuzz-bins check-fuzz-replay
