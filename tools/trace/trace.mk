# SPDX-License-Identifier: GPL-2.0-or-later
# footsock-trace: eBPF tracing of the footsock driver's trace events
# (libbpf, libbpf-tools style). The BPF object and its skeleton are built
# under $(O)/tools/trace/ with clang -target bpf and bpftool; the front end
# includes the skeleton, which embeds the object. docs/trace.md.

TRACE_OBJS := $(addprefix $(O)/tools/trace/, footsock-trace.o layout.o report.o)
TRACE_BPF_OBJ := $(O)/tools/trace/footsock-trace.bpf.o
TRACE_SKEL := $(O)/tools/trace/footsock-trace.skel.h

CLANG ?= clang
LLVM_STRIP ?= llvm-strip
BPFTOOL ?= bpftool
# Resolved in the recipe (the Makefile's rule: nothing read at parse time
# may need a package `make deps` installs). <linux/types.h> needs the
# multiarch <asm/types.h>, which clang -target bpf does not look for.
TRACE_MULTIARCH = $(shell $(CC) -print-multiarch 2>/dev/null || echo "$$(uname -m)-linux-gnu")

# bpf_tracing.h's name for the target (PT_REGS_PARM1 of footsockd's
# probe): x86 for x86_64, as libbpf-tools' Makefile maps it.
TRACE_ARCH = $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/')

# The host's CFLAGS and CPPFLAGS (hardening, sanitizers) are not the BPF
# target's: its flags are its own. -g for the BTF libbpf needs; the DWARF
# is stripped again.
TRACE_BPF_CFLAGS := -g -O2 -target bpf -Wall -Wextra -Werror -Itools/trace \
	-Idaemon -D__TARGET_ARCH_$(TRACE_ARCH)

BINS += $(O)/bin/footsock-trace

$(TRACE_BPF_OBJ): tools/trace/footsock-trace.bpf.c tools/trace/footsock-trace.h \
		daemon/probe.h
	@mkdir -p $(@D)
	$(CLANG) $(TRACE_BPF_CFLAGS) -I/usr/include/$(TRACE_MULTIARCH) -c -o $@ $<
	$(LLVM_STRIP) -g $@

$(TRACE_SKEL): $(TRACE_BPF_OBJ)
	$(BPFTOOL) gen skeleton $< name footsock_trace >$@.tmp
	mv $@.tmp $@

$(O)/tools/trace/footsock-trace.o: $(TRACE_SKEL)
$(TRACE_OBJS): CPPFLAGS += -Itools/trace -I$(O)/tools/trace -Idaemon
$(TRACE_OBJS): CFLAGS += $(call pkg_cflags,libbpf)

$(O)/bin/footsock-trace: $(TRACE_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(call pkg_libs,libbpf) -lm

# Host test: the record layout check on the kernel's format files.
UNIT_TESTS += $(O)/tests/unit/test-trace-layout

$(O)/tests/unit/test-trace-layout.o: CPPFLAGS += -Itools/trace

$(O)/tests/unit/test-trace-layout: $(O)/tests/unit/test-trace-layout.o \
		$(O)/tools/trace/layout.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^
