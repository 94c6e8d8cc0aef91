/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsock-emu: the sensor sock's firmware as a Linux USB gadget.
 *
 * Types shared by the parts of the emulator: the calibration table, one
 * sample of every channel in raw counts, and the data source (the running
 * model, the test pattern or a replayed recording) that produces them.
 */
#ifndef FOOTSOCK_EMU_H
#define FOOTSOCK_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "footsock_proto.h"

#define EMU_NP		FOOTSOCK_NUM_PRESSURE
#define EMU_NT		FOOTSOCK_NUM_TEMP
#define EMU_NCH		FOOTSOCK_NUM_CHANNELS

#define EMU_FW_VERSION	0x0100	/* 1.0 */

/* Labels in CONTRACT.md order (zones, then temperature sites). */
extern const char *const emu_pressure_label[EMU_NP];
extern const char *const emu_temp_label[EMU_NT];

const char *emu_foot_name(int foot);
/* "left" -> 0, "right" -> 1, anything else -> -1. */
int emu_foot_parse(const char *s);

/* Formats an error message into err (errlen bytes); err may be NULL. */
void emu_set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Calibration, host byte order: value (kPa, milli-degC) =
 * (raw + offset) * num / den. offset is the zero reading of the pressure
 * sensors (raw counts at no load, negated); TARE zeroes it.
 */
struct emu_calib {
	int32_t num[EMU_NCH];
	int32_t den[EMU_NCH];
	int32_t offset[EMU_NCH];
};

void emu_calib_init(struct emu_calib *c);

/*
 * Physical value -> counts above the zero reading ("tared counts"),
 * rounded, clamped to the raw field's range.
 */
uint16_t emu_calib_pressure_counts(const struct emu_calib *c, int ch,
				   double kpa);
int16_t emu_calib_temp_counts(const struct emu_calib *c, int ch, double degc);

/*
 * Tared counts -> the value a recording shows, in hundredths of a kPa
 * (pressure) or of a degree Celsius (temperature), rounded half away
 * from zero.
 */
int64_t emu_calib_pressure_centi(const struct emu_calib *c, int ch,
				 int64_t counts);
int64_t emu_calib_temp_centi(const struct emu_calib *c, int ch,
			     int64_t counts);

/*
 * One sample of every channel. Pressure counts are tared (zero at no
 * load); the streamer adds the zero reading until the host sends TARE.
 * A set fault bit means the channel is missing and its count is 0. An
 * exact sample (the test pattern) goes on the wire bit for bit.
 */
struct emu_sample {
	uint16_t pressure[EMU_NP];
	int16_t temp[EMU_NT];
	uint32_t faults;
	bool exact;
};

#endif /* FOOTSOCK_EMU_H */
