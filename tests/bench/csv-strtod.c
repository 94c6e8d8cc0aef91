// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * csv-strtod: the "just reading the file" baseline of `make bench`.
 *
 * Reads a CSV file the way `footsockctl analyze` reads one (fread() in
 * 64 KiB chunks, split into lines), skips the '#' comment lines and
 * converts every field of every other line with strtod(), the header
 * row included (its fields convert to nothing). Nothing else: no
 * validation, no frames, no analysis. The sum of the values is printed
 * so that the conversions cannot be optimised away.
 *
 * Usage: csv-strtod FILE
 * Prints "rows N fields N sum X" on standard output.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (64 * 1024)

struct totals {
	unsigned long long rows, fields;
	double sum;
};

/* One line, NUL-terminated, without its newline. */
static void parse_line(char *line, struct totals *t)
{
	char *field = line, *comma;

	if (line[0] == '#' || line[0] == '\0')
		return;
	t->rows++;
	for (;;) {
		comma = strchr(field, ',');
		if (comma)
			*comma = '\0';
		t->sum += strtod(field, NULL);
		t->fields++;
		if (!comma)
			break;
		field = comma + 1;
	}
}

int main(int argc, char **argv)
{
	struct totals t = { 0 };
	char *buf, *line, *nl;
	size_t cap = 2 * CHUNK, have = 0, n;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	f = fopen(argv[1], "r");
	if (!f) {
		fprintf(stderr, "csv-strtod: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	buf = malloc(cap + 1);
	if (!buf) {
		fclose(f);
		return 1;
	}
	while ((n = fread(buf + have, 1, cap - have, f)) > 0) {
		have += n;
		buf[have] = '\0';
		line = buf;
		while ((nl = memchr(line, '\n', have - (size_t)(line - buf)))) {
			*nl = '\0';
			parse_line(line, &t);
			line = nl + 1;
		}
		have -= (size_t)(line - buf);
		memmove(buf, line, have);
		if (have == cap) {	/* a line longer than the buffer */
			char *grown = realloc(buf, 2 * cap + 1);

			if (!grown)
				break;
			buf = grown;
			cap *= 2;
		}
	}
	if (have) {
		buf[have] = '\0';
		parse_line(buf, &t);
	}
	if (ferror(f)) {
		fprintf(stderr, "csv-strtod: %s: read error\n", argv[1]);
		free(buf);
		fclose(f);
		return 1;
	}
	printf("rows %llu fields %llu sum %.6g\n", t.rows, t.fields, t.sum);
	free(buf);
	fclose(f);
	return 0;
}
