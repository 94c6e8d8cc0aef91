// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A command's output file (output.h): FILE is written as FILE.XXXXXX in
 * the same directory, renamed over FILE once complete, so that a reader
 * never sees half of it and a failure leaves the old one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

int output_open(struct output *out, const char *target)
{
	mode_t mask;
	int fd;

	out->target = target && strcmp(target, "-") ? target : NULL;
	out->tmp = NULL;
	out->f = stdout;
	if (!out->target)
		return 0;
	if (asprintf(&out->tmp, "%s.XXXXXX", target) < 0) {
		out->tmp = NULL;
		return -ENOMEM;
	}
	fd = mkostemp(out->tmp, O_CLOEXEC);
	if (fd < 0) {
		free(out->tmp);
		out->tmp = NULL;
		return -errno;
	}
	/* mkostemp's 0600, widened to what a plain create would give. */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	out->f = fdopen(fd, "w");
	if (!out->f) {
		close(fd);
		unlink(out->tmp);
		free(out->tmp);
		out->tmp = NULL;
		return -ENOMEM;
	}
	return 0;
}

/* Finish: rename into place when ok, else remove the temporary file. */
int output_close(struct output *out, bool ok)
{
	int r = 0;

	if (!out->target)
		return fflush(stdout) || ferror(stdout) ? -EIO : 0;
	if (fflush(out->f) || ferror(out->f) || fsync(fileno(out->f)))
		r = -EIO;
	if (fclose(out->f))
		r = -EIO;
	if (ok && !r && rename(out->tmp, out->target))
		r = -errno;
	if (!ok || r)
		unlink(out->tmp);
	free(out->tmp);
	out->tmp = NULL;
	return r;
}
