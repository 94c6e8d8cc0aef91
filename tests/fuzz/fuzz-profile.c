// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A runner's profile (daemon/lib/profile.c), as footsockd reads one copied
 * from another workstation: a profile that parses formats within the
 * documented bound, reads back the same, and fits the analysis'
 * parameters only within the ramp's bounds.
 */
#include "fuzz.h"
#include "profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[4096], again[4096];
	struct fs_profile pr, back;
	struct fs_params p, fit;
	char why[256];
	int n, z;

	if (fs_profile_parse((const char *)data, size, &pr, why,
			     sizeof(why)) < 0) {
		fuzz_assert(memchr(why, '\0', sizeof(why)) && why[0]);
		return 0;
	}
	fuzz_assert(fs_profile_subject_ok(pr.subject));
	n = fs_profile_format(&pr, text, sizeof(text));
	fuzz_assert(n > 0 && (size_t)n < sizeof(text));
	fuzz_assert(fs_profile_parse(text, (size_t)n, &back, why,
				     sizeof(why)) == 0);
	fuzz_assert(fs_profile_format(&back, again, sizeof(again)) == n);
	fuzz_assert(!memcmp(text, again, (size_t)n));

	fs_params_default(&p);
	for (z = 0; z < 2; z++) {
		int k;

		/* the zones' ramps move, within their bounds; nothing else */
		fit = p;
		fs_profile_apply(&pr, z, &fit);
		for (k = 0; k < FS_NZONES; k++) {
			double lo = fit.zone_floor_low_kpa[k];

			fuzz_assert(lo == 0.0 || (lo > p.floor_low_kpa &&
						  lo <= p.dose_threshold_kpa));
			fit.zone_floor_low_kpa[k] = 0.0;
		}
		fuzz_assert(!memcmp(&fit, &p, sizeof(p)));
	}
	fs_profile_baseline(&pr, &p, why, sizeof(why));
	fuzz_assert(why[0]);
	return 0;
}
