# SPDX-License-Identifier: GPL-2.0-or-later
# footsockctl: the command-line tool.

CTL_OBJS := $(addprefix $(O)/tools/ctl/, main.o analyze.o json.o)

BINS += $(O)/bin/footsockctl

$(CTL_OBJS): CPPFLAGS += -Idaemon/lib

$(O)/bin/footsockctl: $(CTL_OBJS) $(LIBFOOTSOCK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lm
