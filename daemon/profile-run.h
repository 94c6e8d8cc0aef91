/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd: the analysis of one recording, for its subject's profile
 * (docs/daemon.md, "Profiles"). A sock's own analysis spans everything
 * since it was plugged in; the profile wants this run's alone, so a
 * recording gets fresh analyses of its own, fed the same frames, merged
 * into the subject's profile when the recording is stopped.
 */
#ifndef FOOTSOCKD_PROFILE_RUN_H
#define FOOTSOCKD_PROFILE_RUN_H

#include "analysis.h"
#include "util.h"

struct profile_run;

int profile_run_new(const char *subject, const struct fs_params *p,
		    struct profile_run **out);
struct profile_run *profile_run_free(struct profile_run *run);
void profile_run_feed(struct profile_run *run, enum fs_foot_side foot,
		      const struct fs_frame *fr);
/*
 * Merge the run into DIR/SUBJECT.json (created when absent) and write it.
 * 1: the run counted, 0: it did not (*why says why), < 0: an error
 * (*why names what failed).
 */
int profile_run_finish(struct profile_run *run, const char *dir,
		       char *why, size_t whylen);

DEFINE_CLEANUP(struct profile_run, profile_run_free)

#endif
