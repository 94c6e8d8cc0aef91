// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Shoe fit on the top and sides of the foot.
 *
 * - Dorsum, under the laces: a well-laced running shoe presses the
 *   midfoot by 0.5-2 kPa at rest, more at midstance and push-off when
 *   the midfoot flexes into the upper (dorsal pressures measured under
 *   laces: Hagen & Hennig 2009, J Sports Sci 27:267, peaks of a few to
 *   tens of kPa depending on the lacing). Laces tied too tight add a
 *   standing pressure of 6-10 kPa (45-75 mmHg, the range where
 *   intraneural blood flow stops, Rydevik et al. 1981) that stays in
 *   swing, and the flexion peaks grow with it.
 * - Toebox: the forefoot splays under load and the toes dorsiflex at
 *   push-off, pressing the sides and the top of a toe box; a toe box
 *   too small or narrow presses 3-9 kPa all the time (interdigital and
 *   dorsal forefoot pressures rise as toe-box volume falls, Branthwaite
 *   et al. 2013, J Foot Ankle Res 6:28).
 * - Cuff: an ordinary sock band 1-2.4 kPa; a band that is too tight adds
 *   5-8 kPa (37-60 mmHg: above compression hosiery class II, 23-32 mmHg,
 *   RAL-GZ 387), modulated a little by ankle flexion.
 * - Tarsal tunnel: the tibial nerve's compartment pressure rises with
 *   eversion (Trepman et al. 1999, Foot Ankle Int 20:721); an
 *   overpronating foot everts at every midstance: +6-10 kPa at
 *   midstance, a small rise in swing.
 */
#include "fit.h"
#include "plantar.h"

void acc_fit_init(struct acc_fit *fit, struct acc_rng *rng)
{
	fit->laces_kpa = acc_rng_range(rng, 6.0, 10.0);
	fit->toebox_side_kpa = acc_rng_range(rng, 5.0, 9.0);
	fit->toebox_top_kpa = acc_rng_range(rng, 3.0, 6.0);
	fit->cuff_kpa = acc_rng_range(rng, 5.0, 8.0);
	fit->tarsal_kpa = acc_rng_range(rng, 6.0, 10.0);
}

void acc_fit_pressures(const struct acc_fit *fit, const struct acc_runner *r,
		       int foot, enum acc_activity act, double x,
		       enum acc_cause cause, double c, double p[ACC_NZONES])
{
	double k = act == ACC_RUN ? 1.0 : 0.7;	/* walking flexes less */
	double mid = 0.0, push = 0.0, splay = 0.0, ankle = 0.0;
	double laces = cause == ACC_TIGHT_LACES ? c : 0.0;
	double toebox = cause == ACC_TIGHT_TOEBOX ? c : 0.0;
	double sock = cause == ACC_TIGHT_SOCK ? c : 0.0;
	double pron = cause == ACC_OVERPRONATION ? c : 0.0;

	if (act == ACC_STAND) {
		mid = 0.15;
		splay = 0.2;
		ankle = 0.3;
	} else if (x >= 0.0) {
		mid = k * acc_bump(x, 0.20, 0.55, 0.95);
		push = k * acc_bump(x, 0.55, 0.85, 1.00);
		splay = k * acc_bump(x, 0.35, 0.65, 0.95);
		ankle = k * acc_bump(x, 0.15, 0.45, 0.85);
	}
	p[ACC_Z_DORSUM] = r->dorsum_kpa[foot] + laces * fit->laces_kpa +
			  3.0 * (1.0 + 1.5 * laces) * mid;
	p[ACC_Z_TOEBOX_TOP] = r->toebox_kpa[foot][0] +
			      toebox * fit->toebox_top_kpa +
			      4.0 * (1.0 + 1.5 * toebox) * push;
	p[ACC_Z_TOEBOX_MED] = r->toebox_kpa[foot][1] +
			      toebox * fit->toebox_side_kpa +
			      5.0 * (1.0 + 1.5 * toebox) * splay;
	p[ACC_Z_TOEBOX_LAT] = r->toebox_kpa[foot][2] +
			      toebox * fit->toebox_side_kpa * 0.9 +
			      4.5 * (1.0 + 1.5 * toebox) * splay;
	p[ACC_Z_TARSAL_TUNNEL] = r->tarsal_kpa[foot] + 0.8 * pron +
				 (1.5 + pron * fit->tarsal_kpa) * ankle;
	p[ACC_Z_CUFF] = r->cuff_kpa[foot] + sock * fit->cuff_kpa +
			0.5 * (1.0 + sock) * ankle;
}
