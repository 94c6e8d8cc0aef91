// SPDX-License-Identifier: GPL-2.0-or-later
/* footsockd's probe point for footsock-trace --daemon (probe.h). */
#include "probe.h"

/*
 * Must stay a real call that the compiler neither inlines nor drops: a
 * uprobe needs its address, and the batch must be in memory when it
 * fires. The empty asm with B as input and a memory clobber keeps both.
 */
__attribute__((noinline)) void
footsockd_probe_scans_analyzed(const struct footsockd_probe_batch *b)
{
	__asm__ volatile("" : : "r"(b) : "memory");
}
