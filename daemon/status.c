// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: the daemon's one-line status, "left warning tight_laces (left
 * only) risk 63; right ok risk 4", for systemctl status (STATUS=) and the manager's
 * Status property. Sent only when it changed: the tick calls this every
 * properties interval, and most ticks change nothing in it.
 */
#include <stdio.h>
#include <string.h>
#include <systemd/sd-daemon.h>

#include "analysis.h"
#include "bus-manager.h"
#include "manager.h"
#include "sock.h"
#include "status.h"

/* " (left only)", " (both feet)", " (contrast unavailable)": the top cause's. */
static const char *contrast_note(const struct manager *m, const struct sock *s,
				 int cause)
{
	static const char *const notes[FS_NCONTRASTS] = {
		"", " (contrast unavailable)", " (left only)", " (right only)",
		" (both feet)",
	};
	struct fs_contrast ct;

	if (cause < 0)
		return "";
	manager_sock_contrast(m, s, &ct);
	return notes[ct.kind[cause]];
}

void status_update(struct manager *m)
{
	char buf[sizeof(m->status)];
	size_t n = 0;
	struct sock *s;

	buf[0] = '\0';
	for (s = m->socks; s && n < sizeof(buf); s = s->next) {
		int cause = fs_state_top_cause(&s->st, &m->cfg.params);

		n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				      "%s%s %s%s%s%s risk %d%s", n ? "; " : "",
				      sock_foot_name(s), fs_level_names[s->st.level],
				      cause >= 0 ? " " : "",
				      cause >= 0 ? fs_cause_names[cause] : "",
				      contrast_note(m, s, cause),
				      s->st.numbness_risk < 0 ? 0 : s->st.numbness_risk,
				      s->connected ? "" : " (disconnected)");
	}
	if (!m->socks)
		snprintf(buf, sizeof(buf), "waiting for socks");
	if (strcmp(buf, m->status)) {
		memcpy(m->status, buf, sizeof(buf));
		(void)sd_notifyf(false, "STATUS=%s", m->status);
		bus_manager_status_changed(m);
	}
}

void status_ready(struct manager *m)
{
	(void)sd_notifyf(false, "READY=1\nSTATUS=%s", m->status);
}
