// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu: recording v1 writer.
 *
 * Values are what a recording of the real sock would hold: the raw counts
 * through the calibration, pressure in kPa and temperature in degrees
 * Celsius with two decimals. Formatting is done by hand on integers (the
 * analysis tests write 60-minute runs at 200-1000 Hz through here).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emu.h"
#include "csv.h"
#include "replay.h"
#include "stream.h"

static char *put_uint(char *p, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* v / 10^decimals with exactly that many decimals. */
static char *put_fixed(char *p, int64_t v, int decimals)
{
	uint64_t u, scale = 1;
	int i;

	for (i = 0; i < decimals; i++)
		scale *= 10;
	if (v < 0) {
		*p++ = '-';
		u = (uint64_t)(-v);
	} else {
		u = (uint64_t)v;
	}
	p = put_uint(p, u / scale);
	if (decimals) {
		uint64_t f = u % scale;

		*p++ = '.';
		for (i = decimals - 1; i >= 0; i--) {
			p[i] = (char)('0' + f % 10);
			f /= 10;
		}
		p += decimals;
	}
	return p;
}

size_t csv_format_row(char *buf, uint64_t k, unsigned int rate, int foot,
		      const struct emu_calib *calib,
		      const struct emu_sample *s)
{
	char *p = buf;
	int i;

	/* exact times: milliseconds when the rate divides 1000, else us */
	if (1000 % rate == 0)
		p = put_fixed(p, (int64_t)(k * (1000 / rate)), 3);
	else
		p = put_fixed(p, (int64_t)emu_pace_offset_us(k, rate), 6);
	*p++ = ',';
	memcpy(p, foot == FOOTSOCK_FOOT_RIGHT ? "right" : "left",
	       foot == FOOTSOCK_FOOT_RIGHT ? 5 : 4);
	p += foot == FOOTSOCK_FOOT_RIGHT ? 5 : 4;
	for (i = 0; i < EMU_NP; i++) {
		*p++ = ',';
		if (s->faults & FOOTSOCK_FAULT_PRESSURE(i))
			continue;
		p = put_fixed(p, emu_calib_pressure_centi(calib, i,
							  s->pressure[i]), 2);
	}
	for (i = 0; i < EMU_NT; i++) {
		*p++ = ',';
		if (s->faults & FOOTSOCK_FAULT_TEMP(i))
			continue;
		p = put_fixed(p, emu_calib_temp_centi(calib, i, s->temp[i]), 2);
	}
	*p++ = '\n';
	return (size_t)(p - buf);
}

static void format_started(char *buf, size_t len)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int csv_write(const char *path, struct emu_source *const src[],
	      const int foot[], int nfeet, unsigned int rate,
	      uint64_t max_frames, const struct csv_meta *meta,
	      char *err, size_t errlen)
{
	static const size_t bufsize = 1 << 20;
	bool to_stdout = !strcmp(path, "-");
	char started[32], *buf = NULL;
	struct emu_sample s;
	double dt = 1.0 / rate;
	size_t used = 0;
	uint64_t k;
	bool ended[2] = { false, false };
	int i, ret = 0, live = nfeet;
	FILE *f;

	f = to_stdout ? stdout : fopen(path, "w");
	if (!f) {
		ret = -errno;
		emu_set_err(err, errlen, "cannot create %s: %s", path, strerror(errno));
		return ret;
	}
	buf = malloc(bufsize);
	if (!buf) {
		ret = -ENOMEM;
		emu_set_err(err, errlen, "out of memory");
		goto out;
	}

	format_started(started, sizeof(started));
	fprintf(f, "# footsock recording v1\n# subject=emu-%s\n# rate_hz=%u\n"
		"# started=%s\n# scenario=%s\n", meta->scenario, rate, started,
		meta->scenario);
	if (meta->scenario_right)
		fprintf(f, "# scenario_right=%s\n", meta->scenario_right);
	if (meta->replay) {
		fprintf(f, "# replay=%s\n", meta->replay);
	} else {
		fprintf(f, "# onset_s=%g\n# weight_kg=%g\n# cadence_spm=%g\n"
			"# seed=%llu\n", meta->onset_s, meta->weight_kg,
			meta->cadence_spm, (unsigned long long)meta->seed);
		if (meta->relief_s > 0)
			fprintf(f, "# relief_s=%g\n", meta->relief_s);
	}
	fprintf(f, "# foot=%s\n# generator=footsock-emu %s\n%s\n",
		nfeet == 2 ? "both" : emu_foot_name(foot[0]), FOOTSOCK_VERSION,
		emu_recording_header);

	for (k = 0; k < max_frames && live > 0; k++) {
		for (i = 0; i < nfeet; i++) {
			if (ended[i])
				continue;
			ret = source_next(src[i], (uint32_t)k, dt, &s);
			if (ret < 0) {
				emu_set_err(err, errlen, "%s",
					src[i]->replay ? replay_error(src[i]->replay) :
							 "source failed");
				goto out;
			}
			if (ret == 0) {
				ended[i] = true;
				live--;
				continue;
			}
			used += csv_format_row(buf + used, k, rate, foot[i],
					       src[i]->calib, &s);
			if (bufsize - used < EMU_CSV_ROW_MAX) {
				if (fwrite(buf, 1, used, f) != used) {
					ret = -EIO;
					emu_set_err(err, errlen, "writing %s: %s",
						path, strerror(errno));
					goto out;
				}
				used = 0;
			}
		}
	}
	ret = 0;
	if (used && fwrite(buf, 1, used, f) != used)
		ret = -EIO;
	if (fflush(f) || ferror(f))
		ret = -EIO;
	if (ret)
		emu_set_err(err, errlen, "writing %s: %s", path, strerror(errno));
out:
	free(buf);
	if (!to_stdout && fclose(f) && !ret) {
		ret = -EIO;
		emu_set_err(err, errlen, "writing %s: %s", path, strerror(errno));
	}
	return ret;
}
