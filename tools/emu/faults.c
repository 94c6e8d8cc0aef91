// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu: --fault SPEC parsing and the list of faults.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emu.h"
#include "faults.h"

static const struct {
	const char *name;
	const char *help;
} counted[EMU_F_COUNT] = {
	[EMU_F_DROP] = { "drop", "every Nth frame is not sent (a sequence gap)" },
	[EMU_F_DUP] = { "dup", "every Nth frame is sent twice" },
	[EMU_F_REORDER] = { "reorder", "every Nth frame is swapped with the next" },
	[EMU_F_BADCRC] = { "badcrc", "every Nth frame has a wrong CRC" },
	[EMU_F_BADVERSION] = { "badversion",
		"every Nth frame has version 0x7f (CRC valid)" },
	[EMU_F_SHORT] = { "short",
		"every Nth transfer is cut to a length that is not a multiple of 64" },
	[EMU_F_OVERSIZE] = { "oversize",
		"every Nth transfer is maxpacket + 64 bytes long" },
	[EMU_F_BADLEN] = { "badlen", "every Nth transfer is zero bytes long" },
	[EMU_F_STALL] = { "stall",
		"the interrupt endpoint halts (STALL) once, after N frames" },
	[EMU_F_HALT] = { "halt",
		"after N frames: halted, again whenever cleared, until a reset" },
	[EMU_F_DISCONNECT] = { "disconnect",
		"the gadget unbinds from the UDC once, after N frames" },
	[EMU_F_RECONNECT] = { "reconnect",
		"with disconnect: bind again N seconds later" },
	[EMU_F_INFOUNPLUG] = { "infounplug",
		"unbind instead of answering the Nth GET_INFO" },
	[EMU_F_SENSORAT] = { "sensorat",
		"the sensor faults below start after N frames (default 0)" },
	[EMU_F_MUTATE] = { "mutate",
		"frames and transfers mutated by a PRNG seeded with N (bit flips, CRC, version, sequence jumps/repeats/wraps, timestamp jumps/wraps/stalls, truncated and odd-length transfers); account on STOP" },
	[EMU_F_TARESWAP] = { "tareswap",
		"from the Nth TARE on, GET_INFO names another sock (serial + \"-B\")" },
};

static const struct {
	const char *name;
	const char *help;
} info_variants[EMU_INFO_COUNT] = {
	[EMU_INFO_OK] = { "ok", "a correct reply" },
	[EMU_INFO_BADMAGIC] = { "badmagic", "magic is not FOSK" },
	[EMU_INFO_BADVERSION] = { "badversion", "proto_version 2" },
	[EMU_INFO_SHORT] = { "short", "only the first 100 of 296 bytes" },
	[EMU_INFO_ZEROCOUNTS] = { "zerocounts", "num_pressure = num_temp = 0" },
	[EMU_INFO_BIGCOUNTS] = { "bigcounts", "num_pressure 17, num_temp 7" },
	[EMU_INFO_BADFRAMESIZE] = { "badframesize", "frame_size 32" },
	[EMU_INFO_BADFOOT] = { "badfoot", "foot 7" },
	[EMU_INFO_ZEROSCALE] = { "zeroscale",
		"scale_den 0 on hallux, scale_num 0 on toe" },
	[EMU_INFO_BADRATE] = { "badrate", "rate_hz 5000" },
	[EMU_INFO_BADSERIAL] = { "badserial",
		"serial with control bytes and no NUL" },
	[EMU_INFO_STALL] = { "stall", "GET_INFO is stalled" },
	[EMU_INFO_EMPTYSERIAL] = { "emptyserial", "serial all NUL (empty)" },
	[EMU_INFO_NULSERIAL] = { "nulserial",
		"serial \"FS\" NUL \"0001\": a NUL inside the string" },
	[EMU_INFO_LOWRATE] = { "lowrate", "rate_hz 49" },
	[EMU_INFO_BIGSCALE] = { "bigscale", "scale_num 2^31 on met1 (channel 2)" },
	[EMU_INFO_BIGDEN] = { "bigden",
		"scale_den 2^31 on the heel temperature (channel 19)" },
	[EMU_INFO_LONG] = { "long",
		"400 bytes offered (the host's wLength cuts them to 296)" },
	[EMU_INFO_TRUNCATED] = { "truncated", "only 295 of 296 bytes" },
	[EMU_INFO_MAXOFFSET] = { "maxoffset", "every offset INT_MAX" },
	[EMU_INFO_MINOFFSET] = { "minoffset", "every offset INT_MIN" },
	[EMU_INFO_TINYSCALE] = { "tinyscale", "every scale 1/INT_MAX" },
	[EMU_INFO_HUGESCALE] = { "hugescale", "every scale INT_MAX/1" },
	[EMU_INFO_MAXDEN] = { "maxden",
		"scale_den 2^32-1 on the toe temperature (channel 16)" },
	[EMU_INFO_LONGSERIAL] = { "longserial",
		"serial of 16 characters, no NUL" },
	[EMU_INFO_DELSERIAL] = { "delserial", "serial with a DEL (0x7f)" },
	[EMU_INFO_UTF8SERIAL] = { "utf8serial", "serial with UTF-8 bytes" },
	[EMU_INFO_MINRATE] = { "minrate", "rate_hz 50" },
	[EMU_INFO_MAXRATE] = { "maxrate", "rate_hz 1000" },
	[EMU_INFO_HIGHRATE] = { "highrate", "rate_hz 1001" },
	[EMU_INFO_MAXCOUNTS] = { "maxcounts", "num_pressure = num_temp = 255" },
	[EMU_INFO_RESERVED] = { "reserved", "reserved field 0xffff" },
};

static const struct {
	const char *name;
	const char *help;
} desc_variants[EMU_DESC_COUNT] = {
	[EMU_DESC_OK] = { "ok", "the correct descriptors" },
	[EMU_DESC_WRONGCLASS] = { "wrongclass", "interface class 0xdc (diagnostic)" },
	[EMU_DESC_WRONGSUBCLASS] = { "wrongsubclass", "interface subclass 0x00" },
	[EMU_DESC_WRONGPROTOCOL] = { "wrongprotocol", "interface protocol 0x02" },
	[EMU_DESC_NOENDPOINT] = { "noendpoint", "no endpoint at all" },
	[EMU_DESC_BULK] = { "bulk", "bulk IN instead of interrupt IN" },
	[EMU_DESC_OUTENDPOINT] = { "outendpoint", "interrupt OUT instead of IN" },
	[EMU_DESC_SMALLMAXP] = { "smallmaxp", "wMaxPacketSize 8 (< one frame)" },
	[EMU_DESC_ODDMAXP] = { "oddmaxp", "wMaxPacketSize 100 (not frames)" },
	[EMU_DESC_HIGHBW] = { "highbw",
		"high-bandwidth: 1024 bytes x 2 per microframe" },
	[EMU_DESC_TWOENDPOINTS] = { "twoendpoints", "two interrupt IN endpoints" },
	[EMU_DESC_BIGMAXP] = { "bigmaxp",
		"wMaxPacketSize 1088 at high speed (> 1024)" },
	[EMU_DESC_MAXP1025] = { "maxp1025",
		"wMaxPacketSize 1025 at high speed (> 1024)" },
	[EMU_DESC_MAXP1023] = { "maxp1023",
		"wMaxPacketSize 1023 at high speed (not frames)" },
	[EMU_DESC_EXTRAEPS] = { "extraeps",
		"the interrupt IN, then an interrupt OUT and a bulk IN" },
};

static const char *const sensor_names[EMU_SENSOR_COUNT] = {
	[EMU_SENSOR_STUCK] = "stuck", [EMU_SENSOR_SATURATE] = "saturate",
	[EMU_SENSOR_ZERO] = "zero", [EMU_SENSOR_ABSURD] = "absurd",
};

/* stuck|saturate|zero=ZONE|all, absurd=SITE|all, sensorat=N. */
static int parse_sensor(struct emu_faults *f, const char *kind,
			const char *what, char *err, size_t errlen)
{
	int k, i;
	bool all = !strcmp(what, "all"), found = false;

	for (k = 1; k < EMU_SENSOR_COUNT; k++)
		if (!strcmp(kind, sensor_names[k]))
			break;
	if (k == EMU_SENSOR_ABSURD) {
		for (i = 0; i < EMU_NT; i++)
			if (all || !strcmp(what, emu_temp_label[i])) {
				f->site[i] = (uint8_t)k;
				found = true;
			}
		if (!found)
			emu_set_err(err, errlen,
				"fault absurd=%s: not a temperature site (toe, forefoot, dorsum, heel, ankle, shoe, all)",
				what);
		return found ? 0 : -EINVAL;
	}
	for (i = 0; i < EMU_NP; i++)
		if (all || !strcmp(what, emu_pressure_label[i])) {
			f->zone[i] = (uint8_t)k;
			found = true;
		}
	if (!found)
		emu_set_err(err, errlen, "fault %s=%s: not a pressure zone (hallux ... cuff, all)",
			kind, what);
	return found ? 0 : -EINVAL;
}

static bool is_sensor(const char *kind)
{
	int k;

	for (k = 1; k < EMU_SENSOR_COUNT; k++)
		if (!strcmp(kind, sensor_names[k]))
			return true;
	return false;
}

void emu_sensor_faults_apply(const struct emu_faults *f,
			     struct emu_sensor_state *st, uint64_t nth,
			     struct emu_sample *smp)
{
	int i;

	if (nth < f->sensor_at)
		return;
	if (!st->have_frozen) {
		memcpy(st->frozen, smp->pressure, sizeof(st->frozen));
		st->have_frozen = true;
	}
	for (i = 0; i < EMU_NP; i++) {
		switch (f->zone[i]) {
		case EMU_SENSOR_STUCK:
			smp->pressure[i] = st->frozen[i];
			break;
		case EMU_SENSOR_SATURATE:
			smp->pressure[i] = 65535;
			break;
		case EMU_SENSOR_ZERO:
			smp->pressure[i] = 0;
			break;
		default:
			continue;
		}
		smp->exact = false;
	}
	for (i = 0; i < EMU_NT; i++)
		if (f->site[i] == EMU_SENSOR_ABSURD)
			smp->temp[i] = -32768;
}

const char *emu_info_fault_name(enum emu_info_fault v)
{
	return info_variants[v].name;
}

const char *emu_desc_fault_name(enum emu_desc_fault v)
{
	return desc_variants[v].name;
}

static int parse_item(struct emu_faults *f, char *item, char *err,
		      size_t errlen)
{
	char *eq = strchr(item, '='), *end;
	unsigned long long v;
	int i;

	if (!*item) {
		emu_set_err(err, errlen, "empty fault in the list");
		return -EINVAL;
	}
	if (!eq || !eq[1]) {
		emu_set_err(err, errlen, "fault '%s' needs a value (NAME=N or NAME=VARIANT)",
			item);
		return -EINVAL;
	}
	*eq = '\0';
	if (is_sensor(item))
		return parse_sensor(f, item, eq + 1, err, errlen);
	if (!strcmp(item, "info") || !strcmp(item, "desc")) {
		bool info = item[0] == 'i';
		int n = info ? EMU_INFO_COUNT : EMU_DESC_COUNT;

		for (i = 0; i < n; i++) {
			const char *name = info ? info_variants[i].name :
						  desc_variants[i].name;

			if (!strcmp(eq + 1, name)) {
				if (info)
					f->info = (enum emu_info_fault)i;
				else
					f->desc = (enum emu_desc_fault)i;
				return 0;
			}
		}
		emu_set_err(err, errlen, "unknown %s variant '%s' (see --help)", item,
			eq + 1);
		return -EINVAL;
	}
	for (i = 0; i < EMU_F_COUNT; i++)
		if (!strcmp(item, counted[i].name))
			break;
	if (i == EMU_F_COUNT) {
		emu_set_err(err, errlen, "unknown fault '%s' (see --help)", item);
		return -EINVAL;
	}
	if (eq[1] < '0' || eq[1] > '9') {
		emu_set_err(err, errlen, "fault %s=%s: N must be a positive integer",
			item, eq + 1);
		return -EINVAL;
	}
	errno = 0;
	v = strtoull(eq + 1, &end, 10);
	if (errno || *end || v == 0 || v > UINT32_MAX) {
		emu_set_err(err, errlen,
			"fault %s=%s: N must be an integer from 1 to %u", item,
			eq + 1, UINT32_MAX);
		return -EINVAL;
	}
	if (i == EMU_F_SENSORAT)
		f->sensor_at = v;
	else
		f->n[i] = (uint32_t)v;
	return 0;
}

int emu_faults_parse(struct emu_faults *f, const char *spec, char *err,
		     size_t errlen)
{
	char *copy, *item, *next;
	int ret = 0;

	copy = strdup(spec);
	if (!copy) {
		emu_set_err(err, errlen, "out of memory");
		return -ENOMEM;
	}
	for (item = copy; item; item = next) {
		next = strchr(item, ',');
		if (next)
			*next++ = '\0';
		ret = parse_item(f, item, err, errlen);
		if (ret < 0)
			break;
	}
	free(copy);
	return ret;
}

void emu_faults_help(FILE *out)
{
	int i;

	fprintf(out, "Faults (--fault SPEC, comma-separated; repeatable):\n");
	for (i = 0; i < EMU_F_COUNT; i++)
		fprintf(out, "  %s=N%*s%s\n", counted[i].name,
			(int)(14 - strlen(counted[i].name)), "", counted[i].help);
	fprintf(out, "  stuck=ZONE      the zone's reading frozen (ZONE: hallux ... cuff, or all)\n");
	fprintf(out, "  saturate=ZONE   the zone at full scale (raw 65535)\n");
	fprintf(out, "  zero=ZONE       the zone at raw 0\n");
	fprintf(out, "  absurd=SITE     the temperature site at -327.68 degC (raw -32768; SITE: toe ... shoe, or all)\n");
	fprintf(out, "  info=VARIANT    a bogus GET_INFO reply:\n");
	for (i = 1; i < EMU_INFO_COUNT; i++)
		fprintf(out, "      %-14s%s\n", info_variants[i].name,
			info_variants[i].help);
	fprintf(out, "  desc=VARIANT    malicious descriptors:\n");
	for (i = 1; i < EMU_DESC_COUNT; i++)
		fprintf(out, "      %-14s%s\n", desc_variants[i].name,
			desc_variants[i].help);
}
