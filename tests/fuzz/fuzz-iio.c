// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IIO scan layout (daemon/iio.c) as footsockd reads it from sysfs:
 * the input describes an IIO device directory, one attribute per line,
 *
 *   scan_elements/in_pressure0_en 1
 *   scan_elements/in_pressure0_type le:u16/16>>0
 *   in_pressure0_label hallux
 *
 * (the name: [A-Za-z0-9_], under scan_elements/ or not; the value: the
 * rest of the line, any bytes), then optionally a line "scan:" and the
 * bytes of one scan. The attributes are written to a private directory,
 * fs_iio_read_layout() reads it as it reads /sys/bus/iio/devices/X, and a
 * layout it accepts decodes the scan. The layout must fit its scan size.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "iio.h"

static char devdir[64];

/* Empties dir but for its subdirectory scan_elements. */
static void clean_dir(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		abort();
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' && strcmp(de->d_name, "scan_elements") &&
		    unlinkat(dirfd(d), de->d_name, 0) < 0)
			abort();
	closedir(d);
}

static void remove_dir(void)
{
	char sub[96];

	snprintf(sub, sizeof(sub), "%s/scan_elements", devdir);
	clean_dir(sub);
	clean_dir(devdir);
	rmdir(sub);
	rmdir(devdir);
}

static void setup(void)
{
	char sub[96];

	if (devdir[0]) {
		snprintf(sub, sizeof(sub), "%s/scan_elements", devdir);
		clean_dir(sub);
		clean_dir(devdir);
		return;
	}
	snprintf(devdir, sizeof(devdir), "%s/fuzz-iio-XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(devdir))
		abort();
	snprintf(sub, sizeof(sub), "%s/scan_elements", devdir);
	if (mkdir(sub, 0700) < 0)
		abort();
	atexit(remove_dir);
}

static bool name_ok(const char *s, size_t n)
{
	size_t i;

	if (n > 14 && !memcmp(s, "scan_elements/", 14)) {
		s += 14;
		n -= 14;
	}
	if (!n || n > 64)
		return false;
	for (i = 0; i < n; i++)
		if (!(s[i] == '_' || (s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			return false;
	return true;
}

static void write_attr(const char *name, size_t n, const char *v, size_t vlen)
{
	char path[192];
	int fd;

	snprintf(path, sizeof(path), "%s/%.*s", devdir, (int)n, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return;		/* scan_elements itself */
	if (vlen && write(fd, v, vlen) != (ssize_t)vlen)
		abort();
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	const uint8_t *scan = NULL;
	size_t scan_len = 0;
	struct fs_iio_layout *l;
	unsigned int i;
	int r;

	setup();
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *sp;

		if (le - p == 5 && !memcmp(p, "scan:", 5)) {
			scan = (const uint8_t *)(nl ? nl + 1 : end);
			scan_len = (size_t)(end - (const char *)scan);
			break;
		}
		sp = memchr(p, ' ', (size_t)(le - p));
		if (sp && name_ok(p, (size_t)(sp - p)))
			write_attr(p, (size_t)(sp - p), sp + 1, (size_t)(le - sp - 1));
		p = nl ? nl + 1 : end;
	}

	l = malloc(sizeof(*l));
	if (!l)
		abort();
	r = fs_iio_read_layout(devdir, l);
	if (r == 0) {
		size_t need = 0;
		struct fs_frame fr;
		uint8_t *buf;
		int64_t ts;

		fuzz_assert(l->n > 0 && l->n <= FS_IIO_MAX_CHANNELS);
		fuzz_assert(l->npressure <= FS_NZONES && l->ntemp <= FS_NTEMPS);
		for (i = 0; i < l->n; i++) {
			const struct fs_iio_channel *c = &l->ch[i];
			size_t bytes = c->storage_bits / 8;

			fuzz_assert(bytes && c->location % bytes == 0);
			fuzz_assert(c->bits && c->bits + c->shift <= c->storage_bits);
			if (c->location + bytes > need)
				need = c->location + bytes;
			fuzz_assert(c->slot < (c->kind == FS_IIO_PRESSURE ?
					       FS_NZONES : FS_NTEMPS));
		}
		fuzz_assert(need <= l->scan_size);
		/* Exactly one scan: a read past it is caught. */
		buf = calloc(1, l->scan_size);
		if (!buf)
			abort();
		if (scan_len)
			memcpy(buf, scan, scan_len < l->scan_size ?
			       scan_len : l->scan_size);
		fs_iio_decode(l, buf, &fr, &ts);
		free(buf);
	}
	free(l);
	return 0;
}
