// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: a recording's own analysis, merged into its subject's
 * profile at the end (profile-run.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "profile.h"
#include "profile-store.h"
#include "profile-run.h"

struct profile_run {
	char subject[FS_PROFILE_SUBJECT_MAX + 1];
	struct fs_params p;
	struct fs_foot *feet[2];
	bool bad[2];		/* time went back: that foot is left out */
	double next_t[2];	/* the next frame time analysed */
	bool started[2];
};

/*
 * The run's analysis takes at most 50 frames a second (the sock's lowest
 * rate, which the analysis is tested at): the profile wants session means,
 * and the live analysis must keep the frame loop's time (docs/daemon.md).
 */
#define PROFILE_RUN_PERIOD_S 0.02

int profile_run_new(const char *subject, const struct fs_params *p,
		    struct profile_run **out)
{
	struct profile_run *run;

	if (!fs_profile_subject_ok(subject))
		return -EINVAL;
	run = calloc(1, sizeof(*run));
	if (!run)
		return -ENOMEM;
	memcpy(run->subject, subject, strlen(subject) + 1);
	run->p = *p;
	*out = run;
	return 0;
}

struct profile_run *profile_run_free(struct profile_run *run)
{
	if (!run)
		return NULL;
	fs_foot_free(run->feet[0]);
	fs_foot_free(run->feet[1]);
	free(run);
	return NULL;
}

void profile_run_feed(struct profile_run *run, enum fs_foot_side foot,
		      const struct fs_frame *fr)
{
	if (run->bad[foot])
		return;
	if (run->started[foot] && fr->t < run->next_t[foot])
		return;
	/* a frame late by less than a period keeps the grid; a gap resets it */
	run->next_t[foot] = run->started[foot] &&
			    fr->t < run->next_t[foot] + PROFILE_RUN_PERIOD_S ?
			    run->next_t[foot] + PROFILE_RUN_PERIOD_S :
			    fr->t + PROFILE_RUN_PERIOD_S;
	run->started[foot] = true;
	if (!run->feet[foot] && fs_foot_new(&run->p, &run->feet[foot]) < 0) {
		run->bad[foot] = true;
		return;
	}
	if (fs_foot_feed(run->feet[foot], fr) < 0)
		run->bad[foot] = true;
}

int profile_run_finish(struct profile_run *run, const char *dir, char *why,
		       size_t whylen)
{
	struct fs_profile pr;
	struct fs_state st[2];
	char path[4096], msg[4352];
	const char *refused;
	bool have[2];
	int k, r;

	for (k = 0; k < 2; k++) {
		have[k] = run->feet[k] && !run->bad[k];
		if (have[k])
			fs_foot_state(run->feet[k], &st[k]);
	}
	r = profile_store_path(dir, run->subject, path, sizeof(path));
	if (r < 0) {
		snprintf(why, whylen, "%s: bad profile path", dir);
		return r;
	}
	r = profile_store_read(path, &pr, msg, sizeof(msg));
	if (r == -ENOENT) {
		fs_profile_init(&pr, run->subject);
	} else if (r < 0) {
		/* never overwrite what cannot be read: a newer version, say */
		snprintf(why, whylen, "%s", msg);
		return r;
	}
	r = fs_profile_merge(&pr, &run->p, st, have, &refused);
	if (mkdir(dir, 0750) < 0 && errno != EEXIST) {
		snprintf(why, whylen, "%s", dir);
		return -errno;
	}
	k = profile_store_write(dir, &pr);
	if (k < 0) {
		snprintf(why, whylen, "%s", path);
		return k;
	}
	if (!r)
		snprintf(why, whylen, "%s", refused);
	return r;
}
