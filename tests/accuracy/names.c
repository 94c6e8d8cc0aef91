// SPDX-License-Identifier: GPL-2.0-or-later
/* The names of CONTRACT.md: causes, zones (p_*) and temperature sites (t_*). */
#include "model.h"

const char *const acc_cause_names[ACC_NCAUSES] = {
	"healthy", "tight_laces", "tight_toebox", "tight_sock",
	"overstriding", "overpronation", "neuroma_load",
};

const char *const acc_zone_names[ACC_NZONES] = {
	"hallux", "toes", "met1", "met2", "met3_4", "met5", "arch",
	"midfoot_lat", "heel_med", "heel_lat", "dorsum", "toebox_top",
	"toebox_med", "toebox_lat", "tarsal_tunnel", "cuff",
};

const char *const acc_temp_names[ACC_NTEMPS] = {
	"toe", "forefoot", "dorsum", "heel", "ankle", "shoe",
};
