// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu: channel names and the calibration the sock reports in
 * GET_INFO.
 *
 * Pressure: about 1/20 kPa per count, num = 92..107 over den = 2000, so
 * that every channel's scale differs slightly and a test can tell channels
 * apart; zero readings of 8..24 counts (offset -8..-24). Temperature: 10
 * milli-degC (0.01 degC) per count, offset 0.
 */
#include <math.h>
#include <string.h>

#include "emu.h"

const char *const emu_pressure_label[EMU_NP] = {
	"hallux", "toes", "met1", "met2", "met3_4", "met5", "arch",
	"midfoot_lat", "heel_med", "heel_lat", "dorsum", "toebox_top",
	"toebox_med", "toebox_lat", "tarsal_tunnel", "cuff",
};

const char *const emu_temp_label[EMU_NT] = {
	"toe", "forefoot", "dorsum", "heel", "ankle", "shoe",
};

const char *emu_foot_name(int foot)
{
	return foot == FOOTSOCK_FOOT_RIGHT ? "right" : "left";
}

int emu_foot_parse(const char *s)
{
	if (!strcmp(s, "left"))
		return FOOTSOCK_FOOT_LEFT;
	if (!strcmp(s, "right"))
		return FOOTSOCK_FOOT_RIGHT;
	return -1;
}

void emu_calib_init(struct emu_calib *c)
{
	int ch;

	for (ch = 0; ch < EMU_NP; ch++) {
		c->num[ch] = 92 + ch;
		c->den[ch] = 2000;
		c->offset[ch] = -(8 + (ch * 7) % 17);
	}
	for (ch = EMU_NP; ch < EMU_NCH; ch++) {
		c->num[ch] = 10;
		c->den[ch] = 1;
		c->offset[ch] = 0;
	}
}

uint16_t emu_calib_pressure_counts(const struct emu_calib *c, int ch,
				   double kpa)
{
	double v = kpa * c->den[ch] / c->num[ch];

	if (!(v > 0.0))
		return 0;
	if (v >= 65535.0)
		return 65535;
	return (uint16_t)lround(v);
}

int16_t emu_calib_temp_counts(const struct emu_calib *c, int ch, double degc)
{
	int i = EMU_NP + ch;
	double v = degc * 1000.0 * c->den[i] / c->num[i];

	if (!(v > -32768.0))
		return -32768;
	if (v >= 32767.0)
		return 32767;
	return (int16_t)lround(v);
}

/* n / d rounded half away from zero, d > 0. */
static int64_t div_round(int64_t n, int64_t d)
{
	return n >= 0 ? (n + d / 2) / d : -((-n + d / 2) / d);
}

int64_t emu_calib_pressure_centi(const struct emu_calib *c, int ch,
				 int64_t counts)
{
	return div_round(counts * c->num[ch] * 100, c->den[ch]);
}

int64_t emu_calib_temp_centi(const struct emu_calib *c, int ch,
			     int64_t counts)
{
	int i = EMU_NP + ch;

	/* milli-degC * 1/10 = centi-degC */
	return div_round(counts * c->num[i], (int64_t)c->den[i] * 10);
}
