/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd: the journal's rate limit, at most burst messages per
 * interval. In a header of its own because a sock (gaps) and the manager
 * (everything else) each keep one, and neither should need the journal
 * to do so.
 */
#ifndef FOOTSOCKD_RATELIMIT_H
#define FOOTSOCKD_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct ratelimit {
	uint64_t begin_usec;
	unsigned int n, suppressed;
};

/* true: the message may go; false: suppressed, and counted. */
bool ratelimit_pass(struct ratelimit *rl, uint64_t now_usec,
		    uint64_t interval_usec, unsigned int burst);

#endif
