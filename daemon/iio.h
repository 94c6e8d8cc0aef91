/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An IIO device's buffered scan, decoded from sysfs: scan_elements/
 * (*_en, *_index, *_type) and the channel attributes (*_scale, *_offset,
 * *_label, or the shared in_pressure_scale etc.). Nothing about the
 * layout is hard-coded: channels are placed by scan index, each aligned
 * to its storage size, and found by label.
 */
#ifndef FOOTSOCKD_IIO_H
#define FOOTSOCKD_IIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis.h"

#define FS_IIO_MAX_CHANNELS 64

enum fs_iio_kind { FS_IIO_OTHER, FS_IIO_PRESSURE, FS_IIO_TEMP,
		   FS_IIO_TIMESTAMP };

struct fs_iio_channel {
	char name[48];		/* "in_pressure3" */
	enum fs_iio_kind kind;
	int number;		/* 3 in in_pressure3, -1 if none */
	unsigned int index;	/* scan index */
	bool be, is_signed;
	unsigned int bits, storage_bits, shift;
	double scale, offset;
	int slot;		/* zone or temperature site, -1: unused */
	size_t location;	/* byte offset in the scan */
};

struct fs_iio_layout {
	struct fs_iio_channel ch[FS_IIO_MAX_CHANNELS];
	unsigned int n;
	size_t scan_size;
	int timestamp;		/* index in ch[] or -1 */
	unsigned int npressure, ntemp;	/* channels mapped to a slot */
};

/* "le:u16/16>>0" and the like; -EINVAL if malformed or unsupported. */
int fs_iio_parse_type(const char *s, struct fs_iio_channel *c);

/* Write 1 to scan_elements/<ch>_en of every pressure, temperature and
 * timestamp channel; 0 to the others. */
int fs_iio_enable_channels(const char *devdir);

/* Read the layout of the enabled channels. */
int fs_iio_read_layout(const char *devdir, struct fs_iio_layout *l);

/* Decode one scan into fr (kPa, degrees C; NAN where absent); *ts_ns gets
 * the timestamp channel, or -1 if there is none. */
void fs_iio_decode(const struct fs_iio_layout *l, const uint8_t *scan,
		   struct fs_frame *fr, int64_t *ts_ns);

#endif
