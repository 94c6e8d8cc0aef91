/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The output of export and report: stdout, or a file replaced atomically. */
#ifndef FOOTSOCKCTL_OUTPUT_H
#define FOOTSOCKCTL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

struct output {
	const char *target;		/* NULL: stdout */
	char *tmp;
	FILE *f;
};

/* target NULL or "-": stdout. A negative errno on failure. */
int output_open(struct output *out, const char *target);
/* Finish: rename into place when ok, else remove the temporary file. */
int output_close(struct output *out, bool ok);

#endif
