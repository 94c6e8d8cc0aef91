# SPDX-License-Identifier: GPL-2.0-or-later
# footsock-emu: the sensor sock's firmware as a USB gadget, its host
# tests, and the small usbfs checker the VM tests use.

EMU_LIB_OBJS := $(addprefix $(O)/tools/emu/, \
	err.o calib.o model.o source.o replay.o csv.o faults.o stream.o gadget.o)
EMU_LDLIBS := -lm -pthread

BINS += $(O)/bin/footsock-emu $(O)/tests/vm/emu-usbcheck

$(O)/bin/footsock-emu: $(O)/tools/emu/main.o $(EMU_LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -pthread -o $@ $^ $(EMU_LDLIBS)

# Host side of the VM check: enumerates the gadget through usbfs.
$(O)/tests/vm/emu-usbcheck: $(O)/tests/vm/emu-usbcheck.o
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^

EMU_UNIT_TESTS := $(addprefix $(O)/tests/unit/, \
	test-emu-model test-emu-stream test-emu-faults test-emu-replay)
UNIT_TESTS += $(EMU_UNIT_TESTS)

$(EMU_UNIT_TESTS): $(O)/tests/unit/%: $(O)/tests/unit/%.o $(EMU_LIB_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -pthread -o $@ $^ $(EMU_LDLIBS)

# The tests include tools/emu headers by their directory. The harness is a
# system header to them: its own code does not pass -Wextra -Werror.
$(O)/tests/unit/test-emu-%.o: CPPFLAGS += -Itools/emu -isystem $(KSELFTEST_DIR)
