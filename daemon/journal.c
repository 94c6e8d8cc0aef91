// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: structured journal entries. Each kind has a fixed MESSAGE_ID
 * explained in footsockd.catalog; the fields are FOOTSOCK_*. When stderr
 * is not the journal (a test, a demo) the message text goes there too.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <systemd/sd-journal.h>

#include "journal.h"
#include "manager.h"
#include "ratelimit.h"
#include "sock.h"

#define MID_READY	"MESSAGE_ID=1b698e24cb6c4616a842489223f7339e"
#define MID_ATTACHED	"MESSAGE_ID=b86f27c271ef4bd3aefaa55bf71143c5"
#define MID_DETACHED	"MESSAGE_ID=f71d47f4be8140a481d5288b826a421a"
#define MID_LEVEL	"MESSAGE_ID=6b0f13795943477da4d4bd735acaa665"
#define MID_CAUSE	"MESSAGE_ID=eb5cafd03f6c41e8851d014c98388c2a"
#define MID_RED_FLAG	"MESSAGE_ID=c6f9ba6076aa4861a15c8b1ea91f24cf"
#define MID_GAP		"MESSAGE_ID=eda39eee6f48450090090acb109a7dc6"
#define MID_SENSOR	"MESSAGE_ID=4f0b6c1e2d8a4e5b9c7f3a1d6e2b8c94"

static bool sock_ratelimit(struct sock *s, unsigned int *suppressed)
{
	const struct fs_config *c = &s->m->cfg;
	uint64_t now = 0;
	unsigned int before = s->gap_rl.suppressed;

	sd_event_now(s->m->event, CLOCK_MONOTONIC, &now);
	if (!ratelimit_pass(&s->gap_rl, now,
			    (uint64_t)c->ratelimit_interval_s * 1000000,
			    c->ratelimit_burst))
		return false;
	*suppressed = before;
	s->gap_rl.suppressed = 0;
	return true;
}

static void echo(struct manager *m, int prio, const char *msg)
{
	if (m->journal_to_stderr)
		fprintf(stderr, "<%d>footsockd: %s\n", prio, msg);
}

static int level_prio(enum fs_level l)
{
	switch (l) {
	case FS_LEVEL_STOP:
		return LOG_WARNING;
	case FS_LEVEL_WARNING:
		return LOG_NOTICE;
	default:
		return LOG_INFO;
	}
}

void journal_ready(struct manager *m)
{
	char msg[128];

	snprintf(msg, sizeof(msg), "footsockd %s ready", FOOTSOCK_VERSION);
	echo(m, LOG_INFO, msg);
	sd_journal_send("MESSAGE=%s", msg, MID_READY, "PRIORITY=%d", LOG_INFO,
			"FOOTSOCK_VERSION=%s", FOOTSOCK_VERSION, NULL);
}

void journal_attached(struct sock *s)
{
	char msg[256];

	snprintf(msg, sizeof(msg), "%s sock %s attached (%s, %u Hz)",
		 sock_foot_name(s), s->serial,
		 s->replayed ? "replay" : s->sysname, s->rate_hz);
	echo(s->m, LOG_INFO, msg);
	sd_journal_send("MESSAGE=%s", msg, MID_ATTACHED, "PRIORITY=%d", LOG_INFO,
			"FOOTSOCK_FOOT=%s", sock_foot_name(s),
			"FOOTSOCK_SERIAL=%s", s->serial,
			"FOOTSOCK_IIO_DEVICE=%s", s->sysname,
			"FOOTSOCK_RATE_HZ=%u", s->rate_hz, NULL);
}

void journal_detached(struct sock *s, const char *why)
{
	char msg[256];

	snprintf(msg, sizeof(msg), "%s sock %s detached: %s",
		 sock_foot_name(s), s->serial, why);
	echo(s->m, LOG_NOTICE, msg);
	sd_journal_send("MESSAGE=%s", msg, MID_DETACHED, "PRIORITY=%d", LOG_NOTICE,
			"FOOTSOCK_FOOT=%s", sock_foot_name(s),
			"FOOTSOCK_SERIAL=%s", s->serial,
			"FOOTSOCK_REASON=%s", why, NULL);
}

static const char *cause_name(int cause)
{
	return cause >= 0 && cause < FS_NCAUSES ? fs_cause_names[cause] : "";
}

void journal_level(struct sock *s, enum fs_level old)
{
	int cause = fs_state_top_cause(&s->st, &s->m->cfg.params);
	char msg[512];
	int prio = level_prio(s->st.level);

	snprintf(msg, sizeof(msg), "%s foot: level %s -> %s%s%s (numbness risk %d, circulation %d)%s%s",
		 sock_foot_name(s), fs_level_names[old],
		 fs_level_names[s->st.level], cause >= 0 ? ", " : "",
		 cause_name(cause), s->st.numbness_risk,
		 s->st.circulation_restriction,
		 s->st.level == FS_LEVEL_STOP ? ". " : "",
		 s->st.level == FS_LEVEL_STOP ? fs_advice_stop : "");
	echo(s->m, prio, msg);
	sd_journal_send("MESSAGE=%s", msg, MID_LEVEL, "PRIORITY=%d", prio,
			"FOOTSOCK_FOOT=%s", sock_foot_name(s),
			"FOOTSOCK_SERIAL=%s", s->serial,
			"FOOTSOCK_LEVEL=%s", fs_level_names[s->st.level],
			"FOOTSOCK_PREVIOUS_LEVEL=%s", fs_level_names[old],
			"FOOTSOCK_CAUSE=%s", cause_name(cause),
			"FOOTSOCK_NUMBNESS_RISK=%d", s->st.numbness_risk,
			"FOOTSOCK_CIRCULATION=%d", s->st.circulation_restriction,
			NULL);
}

void journal_cause(struct sock *s, int cause)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s foot: cause %s (score %.2f): %s",
		 sock_foot_name(s), cause_name(cause), s->st.cause_score[cause],
		 fs_cause_advice[cause]);
	echo(s->m, LOG_NOTICE, msg);
	sd_journal_send("MESSAGE=%s", msg, MID_CAUSE, "PRIORITY=%d", LOG_NOTICE,
			"FOOTSOCK_FOOT=%s", sock_foot_name(s),
			"FOOTSOCK_SERIAL=%s", s->serial,
			"FOOTSOCK_LEVEL=%s", fs_level_names[s->st.level],
			"FOOTSOCK_CAUSE=%s", cause_name(cause),
			"FOOTSOCK_CAUSE_SCORE=%.2f", s->st.cause_score[cause],
			"FOOTSOCK_NUMBNESS_RISK=%d", s->st.numbness_risk,
			"FOOTSOCK_CIRCULATION=%d", s->st.circulation_restriction,
			NULL);
}

void journal_red_flag(struct sock *s)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s foot: numbness risk still %d after the run: %s",
		 sock_foot_name(s), s->st.numbness_risk, fs_advice_red_flag);
	echo(s->m, LOG_WARNING, msg);
	sd_journal_send("MESSAGE=%s", msg, MID_RED_FLAG, "PRIORITY=%d", LOG_WARNING,
			"FOOTSOCK_FOOT=%s", sock_foot_name(s),
			"FOOTSOCK_SERIAL=%s", s->serial,
			"FOOTSOCK_LEVEL=%s", fs_level_names[s->st.level],
			"FOOTSOCK_NUMBNESS_RISK=%d", s->st.numbness_risk,
			"FOOTSOCK_CIRCULATION=%d", s->st.circulation_restriction,
			NULL);
}

void journal_sensor_fault(struct sock *s, bool zone, int index, int fault)
{
	const char *name = zone ? fs_zone_names[index] : fs_temp_names[index];
	char msg[512];

	snprintf(msg, sizeof(msg),
		 "%s sock %s: %s sensor %s is %s; left out of the analysis, not a cause",
		 sock_foot_name(s), s->serial, zone ? "pressure" : "temperature",
		 name, fs_sensor_fault_names[fault]);
	echo(s->m, LOG_WARNING, msg);
	sd_journal_send("MESSAGE=%s", msg, MID_SENSOR, "PRIORITY=%d", LOG_WARNING,
			"FOOTSOCK_FOOT=%s", sock_foot_name(s),
			"FOOTSOCK_SERIAL=%s", s->serial,
			"FOOTSOCK_SENSOR=%s%s", zone ? "" : "temperature:", name,
			"FOOTSOCK_SENSOR_FAULT=%s", fs_sensor_fault_names[fault],
			NULL);
}

void journal_gap(struct sock *s, uint64_t lost, const char *what)
{
	unsigned int suppressed;
	char msg[256];

	if (!sock_ratelimit(s, &suppressed))
		return;
	snprintf(msg, sizeof(msg), "%s sock %s: %llu frame(s) lost (%s)%s",
		 sock_foot_name(s), s->serial, (unsigned long long)lost, what,
		 suppressed ? "; earlier messages suppressed" : "");
	echo(s->m, LOG_NOTICE, msg);
	sd_journal_send("MESSAGE=%s", msg, MID_GAP, "PRIORITY=%d", LOG_NOTICE,
			"FOOTSOCK_FOOT=%s", sock_foot_name(s),
			"FOOTSOCK_SERIAL=%s", s->serial,
			"FOOTSOCK_LOST_FRAMES=%llu", (unsigned long long)lost,
			"FOOTSOCK_GAPS_TOTAL=%llu", (unsigned long long)s->gaps,
			"FOOTSOCK_GAP_SOURCE=%s", what,
			"FOOTSOCK_SUPPRESSED=%u", suppressed, NULL);
}

void journal_error(struct manager *m, int err, const char *fmt, ...)
{
	uint64_t now = 0;
	char msg[512];
	va_list ap;

	sd_event_now(m->event, CLOCK_MONOTONIC, &now);
	if (!ratelimit_pass(&m->rl, now,
			    (uint64_t)m->cfg.ratelimit_interval_s * 1000000,
			    m->cfg.ratelimit_burst))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (err < 0) {
		size_t n = strlen(msg);

		snprintf(msg + n, sizeof(msg) - n, ": %s", strerror(-err));
	}
	echo(m, LOG_ERR, msg);
	sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%d", LOG_ERR,
			"ERRNO=%d", err < 0 ? -err : 0, NULL);
}
