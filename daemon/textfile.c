// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: the Prometheus textfile for node_exporter's textfile
 * collector (textfile = PATH): each sock's indices, level, connection,
 * frames and gaps, labelled by foot and serial, written to PATH.tmp and
 * renamed over PATH.
 *
 * The file is for another user: node_exporter runs as its own (Debian:
 * prometheus), which is not in group footsock. So it is made 0644 whatever
 * the umask (the unit's UMask=0027 would give 0640); what it holds is
 * what the exporter serves on :9100 to anyone anyway (docs/lab.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manager.h"
#include "sock.h"
#include "textfile.h"
#include "util.h"

/*
 * foot="...",serial="..." with the serial's backslashes, double quotes
 * and newlines escaped as the text exposition format wants (\\, \", \n):
 * the serial comes from the device.
 */
static void escape_labels(const struct sock *s, char *buf, size_t len)
{
	size_t n = (size_t)snprintf(buf, len, "foot=\"%s\",serial=\"",
				    sock_foot_name(s));
	const char *p;

	for (p = s->serial; *p && n + 3 < len; p++) {
		if (*p == '\\' || *p == '"' || *p == '\n') {
			buf[n++] = '\\';
			buf[n++] = *p == '\n' ? 'n' : *p;
		} else {
			buf[n++] = *p;
		}
	}
	buf[n++] = '"';
	buf[n] = '\0';
}

int textfile_write(const struct manager *m)
{
	_cleanup_free_ char *tmp = NULL;
	const struct sock *s;
	FILE *f;
	int r = 0;

	if (asprintf(&tmp, "%s.tmp", m->cfg.textfile) < 0) {
		tmp = NULL;
		return -ENOMEM;
	}
	f = fopen(tmp, "we");
	if (!f)
		return -errno;
	if (fchmod(fileno(f), 0644) < 0)
		r = -errno;
	fputs("# HELP footsock_numbness_risk Numbness risk index 0-100.\n"
	      "# TYPE footsock_numbness_risk gauge\n"
	      "# HELP footsock_circulation_restriction Circulation restriction index 0-100.\n"
	      "# TYPE footsock_circulation_restriction gauge\n"
	      "# HELP footsock_level 0 ok, 1 watch, 2 warning, 3 stop.\n"
	      "# TYPE footsock_level gauge\n"
	      "# HELP footsock_connected 1 if the sock is connected.\n"
	      "# TYPE footsock_connected gauge\n"
	      "# HELP footsock_frames_total Frames analysed.\n"
	      "# TYPE footsock_frames_total counter\n"
	      "# HELP footsock_gaps_total Frames lost.\n"
	      "# TYPE footsock_gaps_total counter\n"
	      "# HELP footsock_sensor_faults Sensors not believed now (stuck, saturated, dead, absurd).\n"
	      "# TYPE footsock_sensor_faults gauge\n", f);
	for (s = m->socks; s; s = s->next) {
		char labels[32 + 2 * sizeof(s->serial)];

		escape_labels(s, labels, sizeof(labels));
		fprintf(f, "footsock_numbness_risk{%s} %d\n", labels,
			s->st.numbness_risk);
		fprintf(f, "footsock_circulation_restriction{%s} %d\n", labels,
			s->st.circulation_restriction);
		fprintf(f, "footsock_level{%s} %d\n", labels, (int)s->st.level);
		fprintf(f, "footsock_connected{%s} %d\n", labels, s->connected);
		fprintf(f, "footsock_frames_total{%s} %llu\n", labels,
			(unsigned long long)s->frames);
		fprintf(f, "footsock_gaps_total{%s} %llu\n", labels,
			(unsigned long long)s->gaps);
		fprintf(f, "footsock_sensor_faults{%s} %d\n", labels,
			fs_state_sensor_faults(&s->st));
	}
	if (r == 0 && (fflush(f) != 0 || ferror(f)))
		r = -EIO;
	fclose(f);
	if (r == 0 && rename(tmp, m->cfg.textfile) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	return r;
}
