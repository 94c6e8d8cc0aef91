/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsock-emu: the running model. docs/emulator.md describes it and
 * where its numbers come from.
 */
#ifndef FOOTSOCK_EMU_MODEL_H
#define FOOTSOCK_EMU_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "emu.h"
#include "rng.h"

enum emu_scenario {
	EMU_SC_NORMAL,
	EMU_SC_TIGHT_LACES,
	EMU_SC_TIGHT_TOEBOX,
	EMU_SC_TIGHT_SOCK,
	EMU_SC_OVERSTRIDING,
	EMU_SC_OVERPRONATION,
	EMU_SC_NEUROMA_LOAD,
	EMU_SC_WALK,
	EMU_SC_STAND,
	EMU_SC_PATTERN,		/* the test pattern: not the model */
	EMU_SC_COUNT,
};

enum emu_gait {
	EMU_GAIT_RUN,
	EMU_GAIT_WALK,
	EMU_GAIT_STAND,
};

/* -1 for an unknown name. */
int emu_scenario_parse(const char *name);
const char *emu_scenario_name(int scenario);
const char *emu_scenario_help(int scenario);
enum emu_gait emu_scenario_gait(int scenario);
/* Steps per minute of both feet; 0 when standing. */
double emu_scenario_default_cadence(int scenario);

struct model_params {
	int scenario;		/* enum emu_scenario, not EMU_SC_PATTERN */
	int foot;		/* enum footsock_foot */
	double cadence_spm;	/* both feet; <= 0: the scenario's default */
	double weight_kg;	/* <= 0: 70 */
	double onset_s;		/* the cause starts then (0: from the start) */
	double relief_s;	/* the cause is removed then (0: never) */
	double toe_offset_c;	/* added to the toe temperature (a person's
				 * own left-right difference) */
	uint64_t seed;
};

/* One sample in physical units. */
struct model_out {
	double time_s;
	double pressure_kpa[EMU_NP];
	double temp_c[EMU_NT];
	bool contact;		/* the foot is in stance (ground truth) */
};

/* The shape of one stride: per zone, a rise-and-fall bump plus a level. */
struct model_bump {
	double on, peak, off;	/* fractions of stance */
	double amp;		/* kPa */
};

struct model_stride {
	double stride_s;	/* this stride's duration */
	double stance;		/* stance fraction of the stride */
	struct model_bump bump[EMU_NP];
	double held[EMU_NP];	/* kPa all cycle long (fit, sock band) */
};

struct model {
	struct model_params p;
	enum emu_gait gait;
	double cadence_spm;
	double weight_factor;	/* weight / 70 kg */
	struct emu_rng rng;	/* this foot's variations */
	struct emu_rng gait_rng;	/* stride timing, shared by both feet */
	double t;		/* model time, seconds */
	double phase;		/* fraction of the current stride, 0 = contact */
	uint64_t strides;	/* strides begun */
	struct model_stride stride;
	double cool;		/* toe cooling by restricted circulation, degC */
	double cool_dt;		/* dt the cached factor belongs to */
	double cool_alpha;
	double rewarm_alpha;	/* after --relief */
};

void model_init(struct model *m, const struct model_params *p);

/* The sample at the model's time, then time advances by dt seconds. */
void model_step(struct model *m, double dt, struct model_out *out);

/* How far the scenario's cause has developed at time t: 0..1. */
double model_severity(const struct model *m, double t);

/* The runner has removed the cause at time t (--relief). */
bool model_relieved(const struct model *m, double t);

#endif /* FOOTSOCK_EMU_MODEL_H */
