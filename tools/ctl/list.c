// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl list: the socks footsockd knows, one line each: foot,
 * serial, firmware, IIO device, sampling rate, frames and gaps.
 */
#include <stdio.h>

#include "client.h"
#include "ctl.h"
#include "json.h"

static void list_json(const struct ctl_daemon *d)
{
	struct json j;
	size_t i;

	json_init(&j, stdout);
	json_begin_object(&j);
	json_key(&j, "socks");
	json_begin_array(&j);
	for (i = 0; i < d->n_socks; i++) {
		const struct ctl_sock *s = &d->socks[i];

		json_begin_object(&j);
		json_key(&j, "foot");
		json_string(&j, s->foot);
		json_key(&j, "serial");
		json_string(&j, s->serial);
		json_key(&j, "firmware");
		json_string(&j, s->firmware);
		json_key(&j, "iio_device");
		json_string(&j, s->iio_device);
		json_key(&j, "connected");
		json_bool(&j, s->connected);
		json_key(&j, "rate_hz");
		json_int(&j, (long)s->rate_hz);
		json_key(&j, "frames");
		json_int(&j, (long)s->frames);
		json_key(&j, "gaps");
		json_int(&j, (long)s->gaps);
		json_key(&j, "object_path");
		json_string(&j, s->path);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	fputc('\n', stdout);
}

static void list_text(const struct ctl_daemon *d)
{
	size_t i;

	printf("%-5s  %-16s %-10s %-12s %6s %10s %6s  %s\n", "FOOT", "SERIAL",
	       "FIRMWARE", "IIO DEVICE", "HZ", "FRAMES", "GAPS", "STATE");
	for (i = 0; i < d->n_socks; i++) {
		const struct ctl_sock *s = &d->socks[i];

		printf("%-5s  %-16s %-10s %-12s %6u %10llu %6llu  %s\n", s->foot,
		       s->serial, *s->firmware ? s->firmware : "-",
		       *s->iio_device ? s->iio_device : "-", s->rate_hz,
		       (unsigned long long)s->frames,
		       (unsigned long long)s->gaps,
		       s->connected ? "connected" : "not connected");
	}
}

int list_run(struct ctl *c)
{
	bool none = c->daemon.n_socks == 0;

	if (c->json)
		list_json(&c->daemon);
	else if (!none)
		list_text(&c->daemon);
	if (none)
		return ctl_fail("no sock connected");
	return ctl_flush_stdout();
}
