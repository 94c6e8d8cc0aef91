// SPDX-License-Identifier: GPL-2.0-or-later
/* footsockd: sysfs helpers. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* Opens DIR/ATTR; a file descriptor or a negative errno. */
static int sysfs_open(const char *dir, const char *attr, int flags)
{
	char path[PATH_MAX];
	int fd;

	if (snprintf(path, sizeof(path), "%s/%s", dir, attr) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, flags | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int sysfs_read(const char *dir, const char *attr, char *buf, size_t len)
{
	_cleanup_close_ int fd = sysfs_open(dir, attr, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return fd;
	n = read(fd, buf, len - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return (int)n;
}

int sysfs_write(const char *dir, const char *attr, const char *value)
{
	_cleanup_close_ int fd = sysfs_open(dir, attr, O_WRONLY);
	size_t len = strlen(value);
	ssize_t n;

	if (fd < 0)
		return fd;
	n = write(fd, value, len);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int sysfs_read_u64(const char *dir, const char *attr, unsigned long long *v)
{
	char buf[64], *end;
	int r;

	r = sysfs_read(dir, attr, buf, sizeof(buf));
	if (r < 0)
		return r;
	errno = 0;
	*v = strtoull(buf, &end, 0);
	if (errno || end == buf || *end)
		return -EINVAL;
	return 0;
}

int sysfs_read_double(const char *dir, const char *attr, double *v)
{
	char buf[64], *end;
	int r;

	r = sysfs_read(dir, attr, buf, sizeof(buf));
	if (r < 0)
		return r;
	errno = 0;
	*v = strtod(buf, &end);
	if (errno || end == buf || *end || !isfinite(*v))
		return -EINVAL;
	return 0;
}
