/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsock-trace: finding the footsock trace events in tracefs and
 * checking their record layout against footsock-trace.h.
 */
#ifndef FT_LAYOUT_H
#define FT_LAYOUT_H

#include <stddef.h>

/* A field the BPF programs read: where footsock-trace.h puts it. */
struct ft_field {
	const char *name;
	size_t offset;
	size_t size;
};

struct ft_event {
	const char *name;		/* footsock_frame, ... */
	const struct ft_field *fields;
	size_t n_fields;
};

/* The events footsock-trace attaches to, with the fields it reads. */
extern const struct ft_event ft_events[];
extern const size_t ft_n_events;

/*
 * The events directory of tracefs (/sys/kernel/tracing/events, or under
 * debugfs on a system that mounts tracefs only there) into BUF: 0, or
 * -ENOENT when tracefs is not mounted.
 */
int ft_tracefs_events(char *buf, size_t len);

/*
 * Checks the format text FORMAT of event EV: every field of EV is there
 * at the same offset with the same size. 0, or -EPROTO with what differs
 * in ERR.
 */
int ft_check_format(const struct ft_event *ev, const char *format,
		    char *err, size_t errlen);

/*
 * Reads EVENTS/footsock/EV/format and checks it: 0; -ENOENT when the
 * event is not there; -EPROTO (ERR says what differs) or another -errno.
 */
int ft_check_event(const char *events, const struct ft_event *ev,
		   char *err, size_t errlen);

#endif /* FT_LAYOUT_H */
