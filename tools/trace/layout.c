// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-trace: the record layout check. The kernel describes each
 * trace event's record in events/SYSTEM/EVENT/format, one line a field:
 *
 *	field:u8 foot;	offset:48;	size:1;	signed:0;
 *	field:char serial[17];	offset:49;	size:17;	signed:0;
 *
 * The BPF programs read the records through footsock-trace.h's structs,
 * which nothing relocates (the module has no BTF): a driver whose records
 * differ would be read wrong, silently. So every field the programs use
 * is checked here, by name, offset and size, before they are loaded.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "footsock-trace.h"
#include "layout.h"

#define FT_FIELD(type, f) \
	{ #f, offsetof(struct type, f), sizeof(((struct type *)0)->f) }

static const struct ft_field frame_fields[] = {
	FT_FIELD(ft_frame, iio_id),
	FT_FIELD(ft_frame, host_ns),
	FT_FIELD(ft_frame, push_ns),
	FT_FIELD(ft_frame, foot),
	FT_FIELD(ft_frame, serial),
};

static const struct ft_field gap_fields[] = {
	FT_FIELD(ft_gap, iio_id),
	FT_FIELD(ft_gap, gaps),
	FT_FIELD(ft_gap, foot),
	FT_FIELD(ft_gap, serial),
};

static const struct ft_field crc_fields[] = {
	FT_FIELD(ft_crc_error, iio_id),
	FT_FIELD(ft_crc_error, bad),
	FT_FIELD(ft_crc_error, foot),
	FT_FIELD(ft_crc_error, serial),
};

static const struct ft_field urb_fields[] = {
	FT_FIELD(ft_urb_error, iio_id),
	FT_FIELD(ft_urb_error, foot),
	FT_FIELD(ft_urb_error, serial),
};

#define FT_EVENT(name, fields) { name, fields, sizeof(fields) / sizeof(fields[0]) }

const struct ft_event ft_events[] = {
	FT_EVENT("footsock_frame", frame_fields),
	FT_EVENT("footsock_gap", gap_fields),
	FT_EVENT("footsock_crc_error", crc_fields),
	FT_EVENT("footsock_urb_error", urb_fields),
};

const size_t ft_n_events = sizeof(ft_events) / sizeof(ft_events[0]);

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

int ft_tracefs_events(char *buf, size_t len)
{
	static const char *const dirs[] = {
		"/sys/kernel/tracing/events",
		"/sys/kernel/debug/tracing/events",
	};
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (stat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			snprintf(buf, len, "%s", dirs[i]);
			return 0;
		}
	}
	return -ENOENT;
}

/*
 * One "field:" line: its name (the declaration's last word, without an
 * array's [N]), offset and size. false when the line is not one.
 */
static bool parse_field(const char *line, char *name, size_t namelen,
			unsigned long *offset, unsigned long *size)
{
	const char *decl, *semi, *end, *start, *p;
	size_t n;

	decl = strstr(line, "field:");
	if (!decl)
		return false;
	decl += strlen("field:");
	semi = strchr(decl, ';');
	if (!semi)
		return false;
	end = semi;
	/* "char serial[17]": the name ends at the '[' */
	for (p = decl; p < semi; p++) {
		if (*p == '[') {
			end = p;
			break;
		}
	}
	while (end > decl && end[-1] == ' ')
		end--;
	start = end;
	while (start > decl && start[-1] != ' ' && start[-1] != '*')
		start--;
	n = (size_t)(end - start);
	if (n == 0 || n >= namelen)
		return false;
	memcpy(name, start, n);
	name[n] = '\0';

	p = strstr(semi, "offset:");
	if (!p || sscanf(p, "offset:%lu;", offset) != 1)
		return false;
	p = strstr(semi, "size:");
	if (!p || sscanf(p, "size:%lu;", size) != 1)
		return false;
	return true;
}

int ft_check_format(const struct ft_event *ev, const char *format,
		    char *err, size_t errlen)
{
	unsigned long offset, size;
	const char *line, *nl;
	char buf[512], name[128];
	size_t i, n;
	bool found;

	for (i = 0; i < ev->n_fields; i++) {
		const struct ft_field *f = &ev->fields[i];

		found = false;
		for (line = format; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			if (!nl)
				nl = line + strlen(line) - 1;
			n = (size_t)(nl - line + 1);
			if (n >= sizeof(buf))
				n = sizeof(buf) - 1;
			memcpy(buf, line, n);
			buf[n] = '\0';
			if (!parse_field(buf, name, sizeof(name), &offset, &size) ||
			    strcmp(name, f->name))
				continue;
			found = true;
			if (offset != f->offset || size != f->size) {
				set_err(err, errlen,
					"field %s is at offset %lu, size %lu in the kernel, at offset %zu, size %zu in footsock-trace",
					f->name, offset, size, f->offset,
					f->size);
				return -EPROTO;
			}
			break;
		}
		if (!found) {
			set_err(err, errlen, "the kernel's record has no field %s",
				f->name);
			return -EPROTO;
		}
	}
	return 0;
}

/* The whole of a small file into a NUL-terminated buffer (freed by caller). */
static int read_file(const char *path, char **out)
{
	size_t len = 0, cap = 4096;
	char *buf, *tmp;
	size_t n;
	FILE *f;

	f = fopen(path, "re");
	if (!f)
		return -errno;
	buf = malloc(cap);
	if (!buf) {
		fclose(f);
		return -ENOMEM;
	}
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len + 1 == cap) {
			tmp = realloc(buf, cap * 2);
			if (!tmp) {
				free(buf);
				fclose(f);
				return -ENOMEM;
			}
			buf = tmp;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return -EIO;
	}
	fclose(f);
	buf[len] = '\0';
	*out = buf;
	return 0;
}

int ft_check_event(const char *events, const struct ft_event *ev,
		   char *err, size_t errlen)
{
	char path[512], *format = NULL;
	int r;

	snprintf(path, sizeof(path), "%s/footsock/%s/format", events, ev->name);
	r = read_file(path, &format);
	if (r < 0) {
		set_err(err, errlen, "%s: %s", path, strerror(-r));
		return r;
	}
	r = ft_check_format(ev, format, err, errlen);
	free(format);
	return r;
}
