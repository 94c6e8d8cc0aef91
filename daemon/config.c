// SPDX-License-Identifier: GPL-2.0-or-later
/* footsockd: the configuration file. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "util.h"

enum key_type { K_UINT, K_PATH };

struct key {
	const char *section;
	const char *name;
	enum key_type type;
	size_t offset;
	unsigned int min, max;
};

#define U(s, n, f, lo, hi) { s, n, K_UINT, offsetof(struct fs_config, f), lo, hi }
#define P(s, n, f) { s, n, K_PATH, offsetof(struct fs_config, f), 0, 0 }

static const struct key keys[] = {
	U("iio", "sampling_frequency", sampling_frequency, 0, 1000),
	U("iio", "buffer_length", buffer_length, 2, 65536),
	U("iio", "latency_ms", latency_ms, 1, 2000),
	P("recording", "directory", recordings_dir),
	P("recording", "profile_directory", profiles_dir),
	U("recording", "sync_interval_ms", sync_interval_ms, 100, 1000),
	U("daemon", "properties_interval_ms", properties_interval_ms, 500, 60000),
	U("daemon", "ratelimit_interval_s", ratelimit_interval_s, 1, 3600),
	U("daemon", "ratelimit_burst", ratelimit_burst, 1, 1000),
	P("daemon", "textfile", textfile),
	U("daemon", "forget_after_s", forget_after_s, 0, 86400),
	U("daemon", "stream_max_readers", stream_max_readers, 1, 1024),
	U("daemon", "stream_timeout_ms", stream_timeout_ms, 100, 600000),
	U("daemon", "stream_buffer_kb", stream_buffer_kb, 16, 65536),
};

/*
 * Keys an earlier release had. footsockd.conf is a conffile: an edited
 * one stays as it was over an upgrade, and must not keep the daemon from
 * starting. Such a key is accepted and ignored, with a notice naming
 * what replaced it; a value is never carried over, since the replacement
 * measures something else.
 */
static const struct retired_key {
	const char *name;
	const char *why;
} retired_keys[] = {
	{ "loading_rate_low", "retired in 0.1.0; overstriding is judged by impact_index_low/high now (footsockd.conf(5))" },
	{ "loading_rate_high", "retired in 0.1.0; overstriding is judged by impact_index_low/high now (footsockd.conf(5))" },
};

static const struct retired_key *retired_key(const char *section,
					       const char *key)
{
	unsigned int i;

	/* all of them were analysis parameters */
	if (*section && strcmp(section, "analysis"))
		return NULL;
	for (i = 0; i < ARRAY_SIZE(retired_keys); i++)
		if (!strcmp(retired_keys[i].name, key))
			return &retired_keys[i];
	return NULL;
}

static const char *const sections[] = { "daemon", "iio", "recording",
					"analysis" };

void fs_config_default(struct fs_config *c)
{
	memset(c, 0, sizeof(*c));
	c->sampling_frequency = 0;
	c->buffer_length = 1024;
	c->latency_ms = 100;
	snprintf(c->recordings_dir, sizeof(c->recordings_dir), "%s",
		 "/var/lib/footsock/recordings");
	snprintf(c->profiles_dir, sizeof(c->profiles_dir), "%s",
		 "/var/lib/footsock/profiles");
	c->sync_interval_ms = 1000;
	c->properties_interval_ms = 500;
	c->ratelimit_interval_s = 30;
	c->ratelimit_burst = 5;
	c->forget_after_s = 600;
	c->stream_max_readers = 16;
	c->stream_timeout_ms = 10000;
	c->stream_buffer_kb = 1024;
	fs_params_default(&c->params);
}

static char *strip(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int set_key(struct fs_config *c, const struct key *k, const char *v,
		   const char **why)
{
	char *end;

	if (k->type == K_PATH) {
		if (*v && *v != '/') {
			*why = "not an absolute path";
			return -EINVAL;
		}
		if (strlen(v) >= PATH_MAX) {
			*why = "path too long";
			return -EINVAL;
		}
		strcpy((char *)c + k->offset, v);
		return 0;
	}
	{
		unsigned long x;

		errno = 0;
		if (!isdigit((unsigned char)*v)) {
			*why = "not a non-negative integer";
			return -EINVAL;
		}
		x = strtoul(v, &end, 10);
		if (errno || *end) {
			*why = "not a non-negative integer";
			return -EINVAL;
		}
		if (x < k->min || x > k->max ||
		    (k->offset == offsetof(struct fs_config, sampling_frequency) &&
		     x && x < 50)) {
			*why = "out of range";
			return -ERANGE;
		}
		*(unsigned int *)((char *)c + k->offset) = (unsigned int)x;
	}
	return 0;
}

static int set_param(struct fs_config *c, const char *key, const char *v,
		     const char **why)
{
	char *end;
	double x;
	int r;

	errno = 0;
	x = strtod(v, &end);
	if (!*v || errno || *end || !isfinite(x)) {
		*why = "not a number";
		return -EINVAL;
	}
	r = fs_params_set(&c->params, key, x);
	if (r == -EINVAL)
		*why = "invalid value (must be finite and >= 0)";
	else if (r == -ENOENT)
		*why = "unknown key";
	return r;
}

static int parse_line(struct fs_config *c, char *line, char *section,
		      size_t seclen, const char **key_out, const char **why)
{
	char *eq, *key, *val;
	unsigned int i;

	*key_out = NULL;
	line = strip(line);
	if (!*line || *line == '#' || *line == ';')
		return 0;
	if (*line == '[') {
		char *e = strchr(line, ']');

		if (!e || e[1]) {
			*key_out = line;
			*why = "malformed section header";
			return -EINVAL;
		}
		*e = '\0';
		for (i = 0; i < ARRAY_SIZE(sections); i++)
			if (!strcmp(line + 1, sections[i]))
				break;
		if (i == ARRAY_SIZE(sections)) {
			*key_out = line + 1;
			*why = "unknown section";
			return -EINVAL;
		}
		snprintf(section, seclen, "%s", line + 1);
		return 0;
	}
	eq = strchr(line, '=');
	if (!eq) {
		*key_out = line;
		*why = "expected KEY = VALUE";
		return -EINVAL;
	}
	*eq = '\0';
	key = strip(line);
	val = strip(eq + 1);
	*key_out = key;
	if (!*key) {
		*why = "empty key";
		return -EINVAL;
	}
	{
		const struct retired_key *rk = retired_key(section, key);

		if (rk) {
			*why = rk->why;
			return 1;	/* ignored, with a notice */
		}
	}
	if (!strcmp(section, "analysis"))
		return set_param(c, key, val, why);
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		if (strcmp(keys[i].name, key))
			continue;
		if (*section && strcmp(section, keys[i].section)) {
			*why = "not a key of this section";
			return -EINVAL;
		}
		return set_key(c, &keys[i], val, why);
	}
	if (!*section)
		return set_param(c, key, val, why);
	*why = "unknown key";
	return -EINVAL;
}

int fs_config_parse(struct fs_config *c, const char *name, const char *text,
		    char *err, size_t errlen)
{
	char section[32] = "";
	unsigned int lineno = 0;
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *key, *why = "invalid";
		char buf[1024];
		int r;

		lineno++;
		if (len >= sizeof(buf)) {
			snprintf(err, errlen, "%s:%u: line too long", name, lineno);
			return -EINVAL;
		}
		memcpy(buf, p, len);
		buf[len] = '\0';
		r = parse_line(c, buf, section, sizeof(section), &key, &why);
		if (r < 0) {
			snprintf(err, errlen, "%s:%u: %s: %s", name, lineno,
				 key ? key : "", why);
			return -EINVAL;
		}
		if (r > 0) {
			size_t used = strlen(c->notices);

			/* cut short, never lost silently: the first stay */
			snprintf(c->notices + used, sizeof(c->notices) - used,
				 "%s:%u: %s: ignored: %s\n", name, lineno, key, why);
		}
		p += len + (nl ? 1 : 0);
	}
	{
		const char *why;

		/* What one key alone cannot tell, e.g. the trend window. */
		if (fs_params_check(&c->params, &why) < 0) {
			snprintf(err, errlen, "%s: %s", name, why);
			return -EINVAL;
		}
	}
	return 0;
}

int fs_config_load(struct fs_config *c, const char *path, bool missing_ok,
		   char *err, size_t errlen)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *text = NULL;
	size_t n = 0, cap = 0;
	ssize_t k;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		if (e == ENOENT && missing_ok)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(e));
		return -e;
	}
	do {
		if (cap - n < 4096) {
			char *t;

			if (cap >= 1 << 20) {
				snprintf(err, errlen, "%s: file too large", path);
				return -EFBIG;
			}
			cap = cap ? cap * 2 : 8192;
			t = realloc(text, cap);
			if (!t)
				return -ENOMEM;
			text = t;
		}
		k = read(fd, text + n, cap - n - 1);
		if (k < 0) {
			int e = errno;

			snprintf(err, errlen, "%s: %s", path, strerror(e));
			return -e;
		}
		n += (size_t)k;
	} while (k > 0);
	text[n] = '\0';
	if (strlen(text) != n) {
		snprintf(err, errlen, "%s: contains a NUL byte", path);
		return -EINVAL;
	}
	return fs_config_parse(c, path, text, err, errlen);
}
