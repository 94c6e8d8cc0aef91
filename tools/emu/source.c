// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu: the data sources behind one interface, converted to raw
 * counts through the calibration the sock reports.
 */
#include <string.h>

#include "source.h"

void source_init_model(struct emu_source *s, const struct model_params *p,
		       const struct emu_calib *calib)
{
	memset(s, 0, sizeof(*s));
	s->kind = EMU_SRC_MODEL;
	s->calib = calib;
	model_init(&s->model, p);
}

void source_init_pattern(struct emu_source *s, const struct emu_calib *calib)
{
	memset(s, 0, sizeof(*s));
	s->kind = EMU_SRC_PATTERN;
	s->calib = calib;
}

void source_init_replay(struct emu_source *s, struct replay *r,
			const struct emu_calib *calib)
{
	memset(s, 0, sizeof(*s));
	s->kind = EMU_SRC_REPLAY;
	s->calib = calib;
	s->replay = r;
}

void source_free(struct emu_source *s)
{
	replay_close(s->replay);
	s->replay = NULL;
}

void emu_pattern_sample(uint32_t seq, struct emu_sample *out)
{
	uint32_t i;

	out->pressure[0] = (uint16_t)(seq & 0xffff);
	out->pressure[1] = (uint16_t)(seq >> 16);
	for (i = 2; i < EMU_NP; i++)
		out->pressure[i] = (uint16_t)((seq * 31u + i * 977u) & 0xffff);
	/* two's complement truncation to 16 bits, done on unsigned values */
	for (i = 0; i < EMU_NT; i++)
		out->temp[i] = (int16_t)(uint16_t)(seq * 7u + i * 1001u - 3000u);
	out->faults = 0;
	out->exact = true;
}

static void from_physical(const struct emu_calib *c, const double *kpa,
			  const double *degc, uint32_t missing,
			  struct emu_sample *out)
{
	int i;

	for (i = 0; i < EMU_NP; i++)
		out->pressure[i] = missing & FOOTSOCK_FAULT_PRESSURE(i) ? 0 :
				   emu_calib_pressure_counts(c, i, kpa[i]);
	for (i = 0; i < EMU_NT; i++)
		out->temp[i] = missing & FOOTSOCK_FAULT_TEMP(i) ? 0 :
			       emu_calib_temp_counts(c, i, degc[i]);
	out->faults = missing;
	out->exact = false;
}

int source_next(struct emu_source *s, uint32_t seq, double dt,
		struct emu_sample *out)
{
	struct model_out mo;
	struct replay_row row;
	int ret;

	switch (s->kind) {
	case EMU_SRC_PATTERN:
		emu_pattern_sample(seq, out);
		break;
	case EMU_SRC_MODEL:
		model_step(&s->model, dt, &mo);
		from_physical(s->calib, mo.pressure_kpa, mo.temp_c, 0, out);
		break;
	case EMU_SRC_REPLAY:
		ret = replay_at(s->replay, s->t, &row);
		if (ret <= 0)
			return ret;
		from_physical(s->calib, row.pressure_kpa, row.temp_c,
			      row.missing, out);
		break;
	}
	s->t += dt;
	s->samples++;
	return 1;
}
