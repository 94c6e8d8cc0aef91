// SPDX-License-Identifier: GPL-2.0-or-later
/* PLACEHOLDER on branch ctl-base: replaced by the real command. */
#include <stdio.h>

#include "ctl.h"

int watch_main(int argc, char **argv, const struct ctl_opts *o)
{
	(void)argc, (void)o;
	fprintf(stderr, "%s: not implemented yet\n", argv[0]);
	return CTL_EXIT_FAILURE;
}
