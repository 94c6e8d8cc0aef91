/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The accuracy harness's runner model: the types every part shares.
 *
 * A second model of a runner in a footsock sock, written for
 * tests/accuracy/ from the biomechanics literature (docs/accuracy.md
 * lists the sources) and independent of tools/emu/model.c: it checks the
 * analysis against data it was not built on. One file per job:
 *   rng.c      seeded random numbers
 *   runner.c   the subjects (weight, cadence, strike, pressure profile, fit)
 *   session.c  the timeline (standing, walking, running, pauses, onset)
 *   gait.c     the step sequence of both feet
 *   plantar.c  plantar pressures per zone through stance, and standing
 *   fit.c      dorsal, toebox, tarsal tunnel and cuff pressures (shoe fit)
 *   thermal.c  skin and in-shoe temperatures, toe cooling
 *   sensor.c   gain, offset, drift and noise of each channel
 *   dropout.c  gaps in the data and missing values
 *   writer.c   recording format v1 (CONTRACT.md)
 *   matrix.c   the runs of `make accuracy`
 *   generate.c one recording, sample by sample
 *   main.c     the command line
 */
#ifndef ACC_MODEL_H
#define ACC_MODEL_H

#include <stdint.h>

#define ACC_NZONES 16
#define ACC_NPLANTAR 10
#define ACC_NTEMPS 6

enum acc_zone {
	ACC_Z_HALLUX, ACC_Z_TOES, ACC_Z_MET1, ACC_Z_MET2, ACC_Z_MET3_4,
	ACC_Z_MET5, ACC_Z_ARCH, ACC_Z_MIDFOOT_LAT, ACC_Z_HEEL_MED,
	ACC_Z_HEEL_LAT, ACC_Z_DORSUM, ACC_Z_TOEBOX_TOP, ACC_Z_TOEBOX_MED,
	ACC_Z_TOEBOX_LAT, ACC_Z_TARSAL_TUNNEL, ACC_Z_CUFF,
};

enum acc_temp { ACC_T_TOE, ACC_T_FOREFOOT, ACC_T_DORSUM, ACC_T_HEEL,
		ACC_T_ANKLE, ACC_T_SHOE };

/* CONTRACT.md's cause vocabulary, plus healthy (no cause planted). */
enum acc_cause { ACC_HEALTHY, ACC_TIGHT_LACES, ACC_TIGHT_TOEBOX,
		 ACC_TIGHT_SOCK, ACC_OVERSTRIDING, ACC_OVERPRONATION,
		 ACC_NEUROMA_LOAD, ACC_NCAUSES };

enum acc_activity { ACC_STAND, ACC_WALK, ACC_RUN };

extern const char *const acc_cause_names[ACC_NCAUSES];
extern const char *const acc_zone_names[ACC_NZONES];
extern const char *const acc_temp_names[ACC_NTEMPS];

/* One recording of the matrix. foot: 0 left, 1 right, -1 none (healthy). */
struct acc_run {
	char name[64];
	int runner;
	enum acc_cause cause;
	int foot;
	uint64_t seed;
	double duration_s;
	double onset_s;
	double rate_hz;
};

#endif
