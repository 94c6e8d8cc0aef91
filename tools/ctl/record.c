// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl record start|stop|list and export: recordings are written
 * by footsockd into its state directory; export reads one through the fd
 * OpenRecording hands out (the directory itself is not readable for
 * everyone) and copies it as is (csv) or converts it with the library's
 * importer (json). -o FILE is written atomically: a temporary file in the
 * same directory, renamed over FILE once complete.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "import.h"
#include "lines.h"
#include "client.h"
#include "ctl.h"
#include "output.h"
#include "json.h"

/* The id of a recording is its file name without ".csv". */
static void path_to_id(const char *path, char *id, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".csv"))
		n -= 4;
	snprintf(id, size, "%.*s", (int)n, base);
}

static void print_path(bool json, const char *what, const char *path)
{
	char id[128];
	struct json j;

	path_to_id(path, id, sizeof(id));
	if (!json) {
		printf("%s %s (%s)\n", what, id, path);
		return;
	}
	json_init(&j, stdout);
	json_begin_object(&j);
	json_key(&j, "id");
	json_string(&j, id);
	json_key(&j, "path");
	json_string(&j, path);
	json_end_object(&j);
	fputc('\n', stdout);
}

int record_start_check(struct ctl *c)
{
	if (!c->subject)
		return ctl_usage_error("record start", "needs --subject ID");
	return 0;
}

int record_start_run(struct ctl *c)
{
	char msg[CTL_MSG_MAX], path[512];

	if (ctl_start_recording(c->bus, c->subject, c->note, path,
				sizeof(path), msg) < 0)
		return ctl_fail(msg);
	print_path(c->json, "recording", path);
	return ctl_flush_stdout();
}

int record_stop_run(struct ctl *c)
{
	char msg[CTL_MSG_MAX], path[512];

	if (ctl_stop_recording(c->bus, path, sizeof(path), msg) < 0)
		return ctl_fail(msg);
	print_path(c->json, "stopped", path);
	return ctl_flush_stdout();
}

static void json_text_or_null(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	if (*s)
		json_string(j, s);
	else
		json_null(j);
}

int record_list_run(struct ctl *c)
{
	struct ctl_recording *rec = NULL;
	char msg[CTL_MSG_MAX];
	bool json = c->json;
	struct json j;
	size_t i, n = 0;

	if (ctl_list_recordings(c->bus, &rec, &n, msg) < 0)
		return ctl_fail(msg);
	if (json) {
		json_init(&j, stdout);
		json_begin_object(&j);
		json_key(&j, "recordings");
		json_begin_array(&j);
		for (i = 0; i < n; i++) {
			json_begin_object(&j);
			json_key(&j, "id");
			json_string(&j, rec[i].id);
			json_text_or_null(&j, "subject", rec[i].subject);
			json_text_or_null(&j, "started", rec[i].started);
			json_key(&j, "size_bytes");
			json_int(&j, (long)rec[i].size_bytes);
			json_key(&j, "active");
			json_bool(&j, rec[i].active);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_end_object(&j);
		fputc('\n', stdout);
	} else if (!n) {
		printf("no recordings\n");
	} else {
		printf("%-40s %-16s %-20s %10s\n", "ID", "SUBJECT", "STARTED",
		       "BYTES");
		for (i = 0; i < n; i++)
			printf("%-40s %-16s %-20s %10llu%s\n", rec[i].id,
			       *rec[i].subject ? rec[i].subject : "-",
			       *rec[i].started ? rec[i].started : "-",
			       (unsigned long long)rec[i].size_bytes,
			       rec[i].active ? "  recording now" : "");
	}
	free(rec);
	return ctl_flush_stdout();
}

/* ---- export ------------------------------------------------------------- */

static int copy_fd(int fd, FILE *out)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (fwrite(buf, 1, (size_t)n, out) != (size_t)n)
			return -EIO;
	}
	return 0;
}

struct converter {
	const char *id;
	struct fs_import im;
	struct json j;
	bool in_rows;		/* metadata done, "rows" array open */
	char err[256];
};

static const char *const foot_names[2] = { "left", "right" };

static void begin_rows(struct converter *cv)
{
	int i;
	char name[32];

	if (cv->in_rows)
		return;
	json_end_object(&cv->j);	/* metadata */
	json_key(&cv->j, "columns");
	json_begin_array(&cv->j);
	json_string(&cv->j, "time_s");
	json_string(&cv->j, "foot");
	for (i = 0; i < FS_NZONES; i++) {
		snprintf(name, sizeof(name), "p_%s", fs_zone_names[i]);
		json_string(&cv->j, name);
	}
	for (i = 0; i < FS_NTEMPS; i++) {
		snprintf(name, sizeof(name), "t_%s", fs_temp_names[i]);
		json_string(&cv->j, name);
	}
	json_end_array(&cv->j);
	json_key(&cv->j, "rows");
	json_begin_array(&cv->j);
	cv->in_rows = true;
}

/* One row object, with the recording's own precision (ms, 0.01 kPa/degC). */
static void json_row(struct converter *cv, int foot, const struct fs_frame *fr)
{
	char name[32];
	int i;

	json_begin_object(&cv->j);
	json_key(&cv->j, "time_s");
	json_number(&cv->j, fr->t, 3);
	json_key(&cv->j, "foot");
	json_string(&cv->j, foot_names[foot]);
	for (i = 0; i < FS_NZONES; i++) {
		snprintf(name, sizeof(name), "p_%s", fs_zone_names[i]);
		json_key(&cv->j, name);
		json_number(&cv->j, fr->p[i], 2);
	}
	for (i = 0; i < FS_NTEMPS; i++) {
		snprintf(name, sizeof(name), "t_%s", fs_temp_names[i]);
		json_key(&cv->j, name);
		json_number(&cv->j, fr->temp[i], 2);
	}
	json_end_object(&cv->j);
}

static int convert(struct converter *cv, const char *line, size_t len,
		   bool last)
{
	struct fs_frame fr[2];
	int mask, foot;

	mask = last ? fs_import_last_line(&cv->im, line, len, fr) :
		      fs_import_line(&cv->im, line, len, fr);
	if (mask < 0) {
		snprintf(cv->err, sizeof(cv->err), "%s:%lu: %s", cv->id,
			 cv->im.line, cv->im.err);
		return mask;
	}
	if (cv->im.torn) {
		fprintf(stderr, "footsockctl: %s:%lu: warning: torn last line ignored (%s)\n",
			cv->id, cv->im.line, cv->im.err);
		return 0;
	}
	/* "# key=value" before the header: metadata, kept as strings. */
	if (!cv->in_rows && len > 2 && line[0] == '#' && line[1] == ' ') {
		const char *eq = memchr(line, '=', len);

		if (eq && eq > line + 2) {
			char key[64], value[512];

			snprintf(key, sizeof(key), "%.*s", (int)(eq - line - 2),
				 line + 2);
			snprintf(value, sizeof(value), "%.*s",
				 (int)(line + len - eq - 1), eq + 1);
			json_key(&cv->j, key);
			json_string(&cv->j, value);
		}
		return 0;
	}
	if (cv->im.header_seen)
		begin_rows(cv);
	for (foot = 0; foot < 2; foot++)
		if (mask & (1 << foot))
			json_row(cv, foot, &fr[foot]);
	return 0;
}

static int convert_line(void *ctx, const char *line, size_t len)
{
	return convert(ctx, line, len, false);
}

static int convert_last_line(void *ctx, const char *line, size_t len)
{
	return convert(ctx, line, len, true);
}

static int convert_json(const char *id, int fd, FILE *out, char *err,
			size_t errsize)
{
	struct converter cv = { .id = id };
	struct fs_lines lines;
	char chunk[65536];
	ssize_t n;
	int r;

	fs_import_init(&cv.im, FS_FMT_FOOTSOCK);
	r = fs_lines_init(&lines, FS_MAX_LINE);
	if (r < 0)
		return r;
	json_init(&cv.j, out);
	json_begin_object(&cv.j);
	json_key(&cv.j, "id");
	json_string(&cv.j, id);
	json_key(&cv.j, "metadata");
	json_begin_object(&cv.j);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			break;
		}
		r = fs_lines_feed(&lines, chunk, (size_t)n, convert_line, &cv);
		if (r < 0)
			break;
	}
	if (r >= 0)
		r = fs_lines_finish(&lines, convert_last_line, &cv);
	fs_lines_free(&lines);
	if (r == -E2BIG)
		snprintf(cv.err, sizeof(cv.err), "%s: a line is longer than %d bytes",
			 id, FS_MAX_LINE);
	else if (r >= 0 && !cv.im.header_seen) {
		snprintf(cv.err, sizeof(cv.err), "%s: no header row: not a footsock recording",
			 id);
		r = -EINVAL;
	}
	if (r < 0) {
		if (!*cv.err)
			snprintf(cv.err, sizeof(cv.err), "%s: %s", id, strerror(-r));
		snprintf(err, errsize, "%s", cv.err);
		return r;
	}
	begin_rows(&cv);
	json_end_array(&cv.j);
	json_end_object(&cv.j);
	fputc('\n', out);
	return 0;
}

int export_check(struct ctl *c)
{
	if (c->format && strcmp(c->format, "csv") && strcmp(c->format, "json"))
		return ctl_usage_error("export", "unknown format '%s' (csv or json)",
				       c->format);
	/* --json is --format json, unless a format is given */
	if (c->format)
		c->json = !strcmp(c->format, "json");
	return 0;
}

int export_run(struct ctl *c)
{
	const char *target = c->output, *id = c->args[0];
	char msg[CTL_MSG_MAX];
	struct output out;
	int r, k, fd;

	fd = ctl_open_recording(c->bus, id, msg);
	if (fd < 0)
		return ctl_fail(msg);
	r = output_open(&out, target);
	if (r < 0) {
		close(fd);
		snprintf(msg, sizeof(msg), "export: %s: %s", target, strerror(-r));
		return ctl_fail(msg);
	}
	if (c->json) {
		r = convert_json(id, fd, out.f, msg, sizeof(msg));
	} else {
		r = copy_fd(fd, out.f);
		if (r < 0)
			snprintf(msg, sizeof(msg), "export: %s", strerror(-r));
	}
	close(fd);
	k = output_close(&out, r >= 0);
	if (r < 0)
		return ctl_fail(msg);
	if (k < 0) {
		snprintf(msg, sizeof(msg), "export: %s: %s",
			 target ? target : "standard output", strerror(-k));
		return ctl_fail(msg);
	}
	return CTL_EXIT_OK;
}
