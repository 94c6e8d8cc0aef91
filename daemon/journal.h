/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd: structured journal entries (journal.c), one function per
 * kind of message, each with its MESSAGE_ID in footsockd.catalog.
 */
#ifndef FOOTSOCKD_JOURNAL_H
#define FOOTSOCKD_JOURNAL_H

#include <stdint.h>

#include "analysis.h"

struct manager;
struct sock;

void journal_ready(struct manager *m);
void journal_attached(struct sock *s);
void journal_detached(struct sock *s, const char *why);
void journal_level(struct sock *s, enum fs_level old);
void journal_cause(struct sock *s, int cause);
void journal_red_flag(struct sock *s);
void journal_relief(struct sock *s, const struct fs_relief *r);
void journal_sensor_fault(struct sock *s, bool zone, int index, int fault);
void journal_gap(struct sock *s, uint64_t lost, const char *what);
void journal_error(struct manager *m, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A notice (LOG_NOTICE), rate-limited as the errors are. */
void journal_notice(struct manager *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
