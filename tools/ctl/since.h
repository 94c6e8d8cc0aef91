/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The TIME of `footsockctl events --since TIME`: epoch seconds
 * ("@1700000000"), ISO 8601 ("2026-11-28T10:00:00Z", "...+01:00", or
 * without a zone: local time, 'T' or ' ' between date and time) and
 * relative ("-10min", "10 min ago", "-30s", "-2h", "now").
 */
#ifndef FOOTSOCKCTL_SINCE_H
#define FOOTSOCKCTL_SINCE_H

#include <stdint.h>

/*
 * TIME to microseconds since the epoch; relative times count back from
 * now_usec. -EINVAL when TIME is none of the forms, -ERANGE when it is
 * before the epoch or overflows.
 */
int ctl_parse_since(const char *s, uint64_t now_usec, uint64_t *out_usec);

#endif
