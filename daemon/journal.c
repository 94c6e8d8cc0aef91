// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: structured journal entries. Each kind has a fixed MESSAGE_ID
 * explained in footsockd.catalog; the fields are FOOTSOCK_*. When stderr
 * is not the journal (a test, a demo) the message text goes there too.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>

#include "journal.h"
#include "manager.h"
#include "ratelimit.h"
#include "recorder.h"
#include "sock.h"

#define MID_READY	"MESSAGE_ID=1b698e24cb6c4616a842489223f7339e"
#define MID_ATTACHED	"MESSAGE_ID=b86f27c271ef4bd3aefaa55bf71143c5"
#define MID_DETACHED	"MESSAGE_ID=f71d47f4be8140a481d5288b826a421a"
#define MID_LEVEL	"MESSAGE_ID=6b0f13795943477da4d4bd735acaa665"
#define MID_CAUSE	"MESSAGE_ID=eb5cafd03f6c41e8851d014c98388c2a"
#define MID_RED_FLAG	"MESSAGE_ID=c6f9ba6076aa4861a15c8b1ea91f24cf"
#define MID_GAP		"MESSAGE_ID=eda39eee6f48450090090acb109a7dc6"
#define MID_SENSOR	"MESSAGE_ID=4f0b6c1e2d8a4e5b9c7f3a1d6e2b8c94"
#define MID_RELIEVED	"MESSAGE_ID=19d7a0b605424f718e8bcf93bc1674b3"
#define MID_NOT_RELIEVED "MESSAGE_ID=e09998632f3847baba45b9007d27011d"

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

/*
 * A sock's entries end with the subject of the running recording, so that a
 * lab's central journal can be searched by runner (FOOTSOCK_SUBJECT=S01).
 * With nothing recording, subject_field() is NULL: the field list ends
 * there and the entry has no FOOTSOCK_SUBJECT rather than an empty one.
 */
static const char *subject_field(const struct manager *m)
{
	return m->recorder ? "FOOTSOCK_SUBJECT=%s" : NULL;
}

static const char *subject_of(const struct manager *m)
{
	return m->recorder ? recorder_subject(m->recorder) : "";
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
			"FOOTSOCK_RATE_HZ=%u", s->rate_hz,
			subject_field(s->m), subject_of(s->m), NULL);
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
			"FOOTSOCK_REASON=%s", why,
			subject_field(s->m), subject_of(s->m), NULL);
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
			subject_field(s->m), subject_of(s->m), NULL);
}

void journal_cause(struct sock *s, int cause)
{
	struct fs_contrast ct;
	char msg[512], contrast[160], other[32];
	int o = s->foot == FS_LEFT ? FS_RIGHT : FS_LEFT;

	manager_sock_contrast(s->m, s, &ct);
	fs_contrast_describe(&ct, cause, s->foot, contrast, sizeof(contrast));
	other[0] = '\0';
	if (!isnan(ct.figure[cause][o]))
		snprintf(other, sizeof(other), "%.2f", ct.figure[cause][o]);
	snprintf(msg, sizeof(msg), "%s foot: cause %s (score %.2f; %s): %s",
		 sock_foot_name(s), cause_name(cause), s->st.cause_score[cause],
		 contrast, fs_cause_advice[cause]);
	echo(s->m, LOG_NOTICE, msg);
	sd_journal_send("MESSAGE=%s", msg, MID_CAUSE, "PRIORITY=%d", LOG_NOTICE,
			"FOOTSOCK_FOOT=%s", sock_foot_name(s),
			"FOOTSOCK_SERIAL=%s", s->serial,
			"FOOTSOCK_LEVEL=%s", fs_level_names[s->st.level],
			"FOOTSOCK_CAUSE=%s", cause_name(cause),
			"FOOTSOCK_CAUSE_SCORE=%.2f", s->st.cause_score[cause],
			"FOOTSOCK_NUMBNESS_RISK=%d", s->st.numbness_risk,
			"FOOTSOCK_CIRCULATION=%d", s->st.circulation_restriction,
			"FOOTSOCK_CONTRAST=%s", fs_contrast_names[ct.kind[cause]],
			"FOOTSOCK_CONTRAST_FIGURE=%s", fs_cause_figure_keys[cause],
			"FOOTSOCK_OTHER_FOOT_VALUE=%s", other,
			subject_field(s->m), subject_of(s->m), NULL);
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
			subject_field(s->m), subject_of(s->m), NULL);
}

/*
 * "left foot: tight_laces relieved: dorsum swing pressure 11.8 -> 1.2 kPa"
 * (the rewarming comes later: the entry is at the relief, the figures of
 * the following minutes are in analyze and GetEvents' consumers), or the
 * escalation.
 */
void journal_relief(struct sock *s, const struct fs_relief *r)
{
	static const char *const site[] = {
		[FS_C_TIGHT_LACES] = "dorsum", [FS_C_TIGHT_TOEBOX] = "toe box",
		[FS_C_TIGHT_SOCK] = "cuff",
	};
	const char *where = r->cause <= FS_C_TIGHT_SOCK ? site[r->cause] : "site";
	bool ok = r->kind == FS_RELIEF_RELIEVED;
	int prio = ok ? LOG_NOTICE : LOG_WARNING;
	char f[13][256];
	struct iovec iov[13];
	int i, n = 0;

	if (ok)
		snprintf(f[n++], sizeof(f[0]), "MESSAGE=%s foot: %s relieved: %s swing pressure %.1f -> %.1f kPa",
			 sock_foot_name(s), cause_name(r->cause), where,
			 r->before_kpa, r->after_kpa);
	else
		snprintf(f[n++], sizeof(f[0]), "MESSAGE=%s foot: %s still there after %.0f min (%s swing pressure %.1f kPa): stop and re-lace, or change the shoe or sock",
			 sock_foot_name(s), cause_name(r->cause), r->minutes,
			 where, r->after_kpa);
	echo(s->m, prio, f[0] + strlen("MESSAGE="));
	snprintf(f[n++], sizeof(f[0]), "%s", ok ? MID_RELIEVED : MID_NOT_RELIEVED);
	snprintf(f[n++], sizeof(f[0]), "PRIORITY=%d", prio);
	snprintf(f[n++], sizeof(f[0]), "FOOTSOCK_FOOT=%s", sock_foot_name(s));
	snprintf(f[n++], sizeof(f[0]), "FOOTSOCK_SERIAL=%s", s->serial);
	snprintf(f[n++], sizeof(f[0]), "FOOTSOCK_CAUSE=%s", cause_name(r->cause));
	snprintf(f[n++], sizeof(f[0]), "FOOTSOCK_BEFORE_KPA=%.2f", r->before_kpa);
	snprintf(f[n++], sizeof(f[0]), "FOOTSOCK_AFTER_KPA=%.2f", r->after_kpa);
	snprintf(f[n++], sizeof(f[0]), "FOOTSOCK_MINUTES=%.1f", r->minutes);
	snprintf(f[n++], sizeof(f[0]), "FOOTSOCK_NUMBNESS_RISK=%d", s->st.numbness_risk);
	/* a rewarming only when the data show it (often later than this) */
	if (ok && !isnan(r->rewarm_c))
		snprintf(f[n++], sizeof(f[0]), "FOOTSOCK_REWARM_C=%.2f", r->rewarm_c);
	if (s->m->recorder)
		snprintf(f[n++], sizeof(f[0]), "FOOTSOCK_SUBJECT=%s",
			 subject_of(s->m));
	for (i = 0; i < n; i++)
		iov[i] = (struct iovec){ .iov_base = f[i], .iov_len = strlen(f[i]) };
	sd_journal_sendv(iov, n);
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
			subject_field(s->m), subject_of(s->m), NULL);
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
			"FOOTSOCK_SUPPRESSED=%u", suppressed,
			subject_field(s->m), subject_of(s->m), NULL);
}

/* The daemon's own messages, of no sock: rate-limited together. */
static void manager_vlog(struct manager *m, int prio, int err,
			 const char *fmt, va_list ap)
{
	uint64_t now = 0;
	char msg[512];

	sd_event_now(m->event, CLOCK_MONOTONIC, &now);
	if (!ratelimit_pass(&m->rl, now,
			    (uint64_t)m->cfg.ratelimit_interval_s * 1000000,
			    m->cfg.ratelimit_burst))
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (err < 0) {
		size_t n = strlen(msg);

		snprintf(msg + n, sizeof(msg) - n, ": %s", strerror(-err));
	}
	echo(m, prio, msg);
	if (prio == LOG_ERR)
		sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%d", prio,
				"ERRNO=%d", err < 0 ? -err : 0, NULL);
	else
		sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%d", prio, NULL);
}

void journal_error(struct manager *m, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	manager_vlog(m, LOG_ERR, err, fmt, ap);
	va_end(ap);
}

void journal_notice(struct manager *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	manager_vlog(m, LOG_NOTICE, 0, fmt, ap);
	va_end(ap);
}
