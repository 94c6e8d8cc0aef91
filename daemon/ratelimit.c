// SPDX-License-Identifier: GPL-2.0-or-later
/* footsockd: the journal's rate limit (ratelimit.h). */
#include "ratelimit.h"

bool ratelimit_pass(struct ratelimit *rl, uint64_t now_usec,
		    uint64_t interval_usec, unsigned int burst)
{
	if (!rl->begin_usec || now_usec - rl->begin_usec >= interval_usec) {
		rl->begin_usec = now_usec;
		rl->n = 0;
	}
	if (rl->n < burst) {
		rl->n++;
		return true;
	}
	rl->suppressed++;
	return false;
}
