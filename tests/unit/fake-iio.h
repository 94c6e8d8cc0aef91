/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A synthetic IIO sysfs tree for footsockd's in-process tests: the
 * attribute files of a device directory as footsock.ko lays them out,
 * one channel per pressure zone, per temperature and the timestamp, and
 * the scans the driver pushes to its buffer.
 * Include after analysis.h (FS_NZONES, fs_zone_names[]).
 */
#ifndef FOOTSOCK_TESTS_FAKE_IIO_H
#define FOOTSOCK_TESTS_FAKE_IIO_H

#include <endian.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Write value to dir/name; a test that cannot is of no use: abort. */
static inline void fake_iio_put(const char *dir, const char *name,
				const char *value)
{
	char path[512];
	FILE *f;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		abort();
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(value, f);
	fclose(f);
}

/*
 * The device's identity and state, alike in every tree: the name, the
 * label (the foot) and serial number, the rate (200 Hz). The driver's
 * counters and firmware version are in debugfs, not here.
 */
static inline void fake_iio_device(const char *dir, const char *foot,
				   const char *serial)
{
	fake_iio_put(dir, "name", "footsock\n");
	fake_iio_put(dir, "label", foot);
	fake_iio_put(dir, "serialnumber", serial);
	fake_iio_put(dir, "sampling_frequency", "200\n");
}

/* The subdirectories scan_elements and buffer of dir: 0 or -errno. */
static inline int fake_iio_mkdirs(const char *dir)
{
	char sub[160];

	snprintf(sub, sizeof(sub), "%s/scan_elements", dir);
	if (mkdir(sub, 0755))
		return -errno;
	snprintf(sub, sizeof(sub), "%s/buffer", dir);
	if (mkdir(sub, 0755))
		return -errno;
	return 0;
}

/*
 * Every channel's scan element (disabled: en is written to its _en file)
 * and the label, scale and offset of the pressures and temperatures.
 */
static inline void fake_iio_channels(const char *dir, const char *en)
{
	char name[64], v[64];
	unsigned int i;

	for (i = 0; i < FS_NZONES + FS_NTEMPS + 1; i++) {
		bool p = i < FS_NZONES, t = !p && i < FS_NZONES + FS_NTEMPS;
		char ch[32];

		if (p)
			snprintf(ch, sizeof(ch), "in_pressure%u", i);
		else if (t)
			snprintf(ch, sizeof(ch), "in_temp%u", i - FS_NZONES);
		else
			snprintf(ch, sizeof(ch), "in_timestamp");
		snprintf(name, sizeof(name), "scan_elements/%s_en", ch);
		fake_iio_put(dir, name, en);
		snprintf(name, sizeof(name), "scan_elements/%s_index", ch);
		snprintf(v, sizeof(v), "%u\n", i);
		fake_iio_put(dir, name, v);
		snprintf(name, sizeof(name), "scan_elements/%s_type", ch);
		fake_iio_put(dir, name, p ? "le:u16/16>>0\n" :
			     t ? "le:s16/16>>0\n" : "le:s64/64>>0\n");
		if (p || t) {
			snprintf(name, sizeof(name), "%s_label", ch);
			snprintf(v, sizeof(v), "%s\n", p ? fs_zone_names[i] :
				 fs_temp_names[i - FS_NZONES]);
			fake_iio_put(dir, name, v);
			snprintf(name, sizeof(name), "%s_scale", ch);
			fake_iio_put(dir, name, p ? "0.100000000\n" : "1\n");
			snprintf(name, sizeof(name), "%s_offset", ch);
			fake_iio_put(dir, name, "0\n");
		}
	}
}

/* One scan as footsock.ko pushes it: 16 u16, 6 s16, pad, s64 at 48. */
static inline void fake_iio_scan(uint8_t out[56], unsigned int k,
				 int64_t ts_ns)
{
	int64_t ts = (int64_t)htole64((uint64_t)ts_ns);
	unsigned int i;

	memset(out, 0, 56);
	for (i = 0; i < FS_NZONES; i++) {
		uint16_t v = htole16((uint16_t)(10 * i + k % 7));

		memcpy(out + 2 * i, &v, 2);
	}
	for (i = 0; i < FS_NTEMPS; i++) {
		uint16_t v = htole16((uint16_t)(30000 + i));

		memcpy(out + 2 * (FS_NZONES + i), &v, 2);
	}
	memcpy(out + 48, &ts, 8);
}

#endif
