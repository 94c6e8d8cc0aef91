/* SPDX-License-Identifier: GPL-2.0-or-later */
/* footsock-trace: one interval's figures per sock, as text or JSON. */
#ifndef FT_REPORT_H
#define FT_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "footsock-trace.h"

/* A sock as the report shows it: this interval's counts and the totals. */
struct ft_sock {
	struct ft_key key;
	struct ft_stats total;	/* since footsock-trace started */
	struct ft_stats delta;	/* this interval */
};

/*
 * Prints one interval of SECONDS ending at wall time END: the SOCKS
 * table, then each sock's latency histogram (text), or one JSON object on
 * one line. DAEMON: footsockd's histograms too (--daemon).
 */
void ft_report(FILE *out, bool json, bool daemon, const struct timespec *end,
	       double seconds, const struct ft_sock *socks, size_t n);

#endif /* FT_REPORT_H */
