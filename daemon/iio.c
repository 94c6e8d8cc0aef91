// SPDX-License-Identifier: GPL-2.0-or-later
/* footsockd: decoding an IIO device's scan from sysfs. */
#include <ctype.h>
#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iio.h"
#include "util.h"

int fs_iio_parse_type(const char *s, struct fs_iio_channel *c)
{
	char endian[3], sign;
	unsigned int bits, storage, shift;
	int n = 0;

	/* Widths: a longer number is left over, and refused; none overflows. */
	if (sscanf(s, "%2[bl]e:%c%3u/%3u>>%3u%n", endian, &sign, &bits, &storage,
		   &shift, &n) != 5 || s[n] != '\0')
		return -EINVAL;
	if (strcmp(endian, "b") && strcmp(endian, "l"))
		return -EINVAL;
	if (sign != 's' && sign != 'u')
		return -EINVAL;
	if (storage != 8 && storage != 16 && storage != 32 && storage != 64)
		return -EINVAL;
	if (!bits || bits > storage || shift > storage - bits)
		return -EINVAL;
	c->be = endian[0] == 'b';
	c->is_signed = sign == 's';
	c->bits = bits;
	c->storage_bits = storage;
	c->shift = shift;
	return 0;
}

static enum fs_iio_kind kind_of(const char *name, int *number)
{
	static const struct { const char *prefix; enum fs_iio_kind kind; } k[] = {
		{ "in_pressure", FS_IIO_PRESSURE },
		{ "in_temp", FS_IIO_TEMP },
		{ "in_timestamp", FS_IIO_TIMESTAMP },
	};
	unsigned int i;

	*number = -1;
	for (i = 0; i < ARRAY_SIZE(k); i++) {
		size_t len = strlen(k[i].prefix);
		const char *rest = name + len;

		if (strncmp(name, k[i].prefix, len))
			continue;
		if (*rest == '\0')
			return k[i].kind;
		if (!isdigit((unsigned char)*rest))
			continue;
		*number = atoi(rest);
		while (isdigit((unsigned char)*rest))
			rest++;
		if (*rest == '\0')
			return k[i].kind;
		*number = -1;
	}
	return FS_IIO_OTHER;
}

/* Calls fn(devdir, channel name, data) for each scan element. */
static int for_each_element(const char *devdir,
			    int (*fn)(const char *, const char *, void *),
			    void *data)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int r = 0;

	if (snprintf(path, sizeof(path), "%s/scan_elements", devdir) >=
	    (int)sizeof(path))
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char name[48];

		if (len <= 3 || strcmp(de->d_name + len - 3, "_en") ||
		    len - 3 >= sizeof(name))
			continue;
		memcpy(name, de->d_name, len - 3);
		name[len - 3] = '\0';
		r = fn(devdir, name, data);
		if (r < 0)
			break;
	}
	closedir(d);
	return r;
}

static int enable_one(const char *devdir, const char *name, void *data)
{
	char attr[80];
	int number;

	(void)data;
	snprintf(attr, sizeof(attr), "scan_elements/%s_en", name);
	return sysfs_write(devdir, attr,
			   kind_of(name, &number) == FS_IIO_OTHER ? "0" : "1");
}

int fs_iio_enable_channels(const char *devdir)
{
	return for_each_element(devdir, enable_one, NULL);
}

/* <name>_<what>, else the shared in_<type>_<what>; -ENOENT if neither. */
static int channel_double(const char *devdir, const struct fs_iio_channel *c,
			  const char *what, double *v)
{
	char attr[96], type[48];
	int r;

	snprintf(attr, sizeof(attr), "%s_%s", c->name, what);
	r = sysfs_read_double(devdir, attr, v);
	if (r != -ENOENT)
		return r;
	snprintf(type, sizeof(type), "%s", c->name);
	while (*type && isdigit((unsigned char)type[strlen(type) - 1]))
		type[strlen(type) - 1] = '\0';
	snprintf(attr, sizeof(attr), "%s_%s", type, what);
	return sysfs_read_double(devdir, attr, v);
}

static int slot_of(const char *devdir, struct fs_iio_channel *c)
{
	const char *const *names = c->kind == FS_IIO_PRESSURE ? fs_zone_names :
				   fs_temp_names;
	int n = c->kind == FS_IIO_PRESSURE ? FS_NZONES : FS_NTEMPS, i, r;
	char attr[96], label[64];

	snprintf(attr, sizeof(attr), "%s_label", c->name);
	r = sysfs_read(devdir, attr, label, sizeof(label));
	if (r >= 0) {
		for (i = 0; i < n; i++)
			if (!strcmp(label, names[i]))
				return i;
		return -1;	/* a sensor we do not know */
	}
	/* No label: the contract's channel order. */
	return c->number >= 0 && c->number < n ? c->number : -1;
}

static int read_one(const char *devdir, const char *name, void *data)
{
	struct fs_iio_layout *l = data;
	struct fs_iio_channel *c;
	char attr[96], buf[64];
	unsigned long long v;
	int r;

	snprintf(attr, sizeof(attr), "scan_elements/%s_en", name);
	r = sysfs_read_u64(devdir, attr, &v);
	if (r < 0)
		return r;
	if (!v)
		return 0;
	if (l->n == FS_IIO_MAX_CHANNELS)
		return -E2BIG;
	c = &l->ch[l->n];
	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->kind = kind_of(name, &c->number);
	snprintf(attr, sizeof(attr), "scan_elements/%s_index", name);
	r = sysfs_read_u64(devdir, attr, &v);
	if (r < 0)
		return r;
	c->index = (unsigned int)v;
	snprintf(attr, sizeof(attr), "scan_elements/%s_type", name);
	r = sysfs_read(devdir, attr, buf, sizeof(buf));
	if (r < 0)
		return r;
	r = fs_iio_parse_type(buf, c);
	if (r < 0)
		return r;
	c->scale = 1.0;
	c->offset = 0.0;
	c->slot = -1;
	if (c->kind == FS_IIO_PRESSURE || c->kind == FS_IIO_TEMP) {
		r = channel_double(devdir, c, "scale", &c->scale);
		if (r < 0 && r != -ENOENT)
			return r;
		r = channel_double(devdir, c, "offset", &c->offset);
		if (r < 0 && r != -ENOENT)
			return r;
		c->slot = slot_of(devdir, c);
	}
	l->n++;
	return 0;
}

static int by_index(const void *a, const void *b)
{
	const struct fs_iio_channel *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

int fs_iio_read_layout(const char *devdir, struct fs_iio_layout *l)
{
	bool seen_p[FS_NZONES] = { false }, seen_t[FS_NTEMPS] = { false };
	size_t off = 0, align = 1;
	unsigned int i;
	int r;

	memset(l, 0, sizeof(*l));
	l->timestamp = -1;
	r = for_each_element(devdir, read_one, l);
	if (r < 0)
		return r;
	if (!l->n)
		return -ENODATA;
	qsort(l->ch, l->n, sizeof(l->ch[0]), by_index);
	for (i = 0; i < l->n; i++) {
		struct fs_iio_channel *c = &l->ch[i];
		size_t bytes = c->storage_bits / 8;

		if (i && c->index == l->ch[i - 1].index)
			return -EINVAL;
		off = (off + bytes - 1) / bytes * bytes;
		c->location = off;
		off += bytes;
		if (bytes > align)
			align = bytes;
		if (c->kind == FS_IIO_TIMESTAMP)
			l->timestamp = (int)i;
		/* A label seen twice: use the first channel only. */
		if (c->kind == FS_IIO_PRESSURE && c->slot >= 0) {
			if (seen_p[c->slot])
				c->slot = -1;
			else
				seen_p[c->slot] = true, l->npressure++;
		} else if (c->kind == FS_IIO_TEMP && c->slot >= 0) {
			if (seen_t[c->slot])
				c->slot = -1;
			else
				seen_t[c->slot] = true, l->ntemp++;
		}
	}
	l->scan_size = (off + align - 1) / align * align;
	return 0;
}

static int64_t raw_value(const struct fs_iio_channel *c, const uint8_t *p)
{
	uint64_t u;

	switch (c->storage_bits) {
	case 8:
		u = p[0];
		break;
	case 16: {
		uint16_t v;

		memcpy(&v, p, 2);
		u = c->be ? be16toh(v) : le16toh(v);
		break;
	}
	case 32: {
		uint32_t v;

		memcpy(&v, p, 4);
		u = c->be ? be32toh(v) : le32toh(v);
		break;
	}
	default: {
		uint64_t v;

		memcpy(&v, p, 8);
		u = c->be ? be64toh(v) : le64toh(v);
		break;
	}
	}
	u >>= c->shift;
	if (c->bits < 64)
		u &= (UINT64_C(1) << c->bits) - 1;
	if (c->is_signed && c->bits < 64 && (u & (UINT64_C(1) << (c->bits - 1))))
		u |= ~((UINT64_C(1) << c->bits) - 1);
	return (int64_t)u;
}

void fs_iio_decode(const struct fs_iio_layout *l, const uint8_t *scan,
		   struct fs_frame *fr, int64_t *ts_ns)
{
	unsigned int i;

	fs_frame_clear(fr);
	*ts_ns = -1;
	for (i = 0; i < l->n; i++) {
		const struct fs_iio_channel *c = &l->ch[i];
		int64_t raw = raw_value(c, scan + c->location);

		switch (c->kind) {
		case FS_IIO_PRESSURE:
			if (c->slot >= 0)
				fr->p[c->slot] = (float)(((double)raw + c->offset) *
							 c->scale);
			break;
		case FS_IIO_TEMP:
			if (c->slot >= 0)
				fr->temp[c->slot] = (float)(((double)raw + c->offset) *
							    c->scale / 1000.0);
			break;
		case FS_IIO_TIMESTAMP:
			*ts_ns = raw;
			break;
		default:
			break;
		}
	}
}
