# SPDX-License-Identifier: GPL-2.0-or-later
# footsockctl: the command-line tool.

CTL_OBJS := $(addprefix $(O)/tools/ctl/, main.o analyze.o json.o client.o \
	status.o list.o record.o control.o events.o since.o watch.o)

BINS += $(O)/bin/footsockctl

$(CTL_OBJS): CPPFLAGS += -Idaemon/lib
$(CTL_OBJS): CFLAGS += $(shell $(PKG_CONFIG) --cflags libsystemd)

$(O)/bin/footsockctl: $(CTL_OBJS) $(LIBFOOTSOCK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(shell $(PKG_CONFIG) --libs libsystemd) -lm
