/* SPDX-License-Identifier: GPL-2.0-or-later */
/* footsockd: small helpers shared by the daemon's files. */
#ifndef FOOTSOCKD_UTIL_H
#define FOOTSOCKD_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

static inline void freep(void *p)
{
	free(*(void **)p);
}

static inline void closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}

static inline void fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}

/* A type's *_freep() for _cleanup_, from its *_free(). */
#define DEFINE_CLEANUP(type, func)			\
	static inline void func##p(type **p)		\
	{						\
		if (*p)					\
			func(*p);			\
	}

#define _cleanup_free_ _cleanup_(freep)
#define _cleanup_close_ _cleanup_(closep)
#define _cleanup_fclose_ _cleanup_(fclosep)

/* Steal a pointer from a _cleanup_ variable. */
#define TAKE_PTR(p) ({ __typeof__(p) _t = (p); (p) = NULL; _t; })
#define TAKE_FD(fd) ({ int _t = (fd); (fd) = -1; _t; })

/* sysfs: read one attribute (trailing newline stripped), write one. */
int sysfs_read(const char *dir, const char *attr, char *buf, size_t len);
int sysfs_write(const char *dir, const char *attr, const char *value);
int sysfs_read_u64(const char *dir, const char *attr, unsigned long long *v);
int sysfs_read_double(const char *dir, const char *attr, double *v);

#endif
