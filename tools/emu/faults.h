/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsock-emu: faults injected for the tests (--fault SPEC).
 */
#ifndef FOOTSOCK_EMU_FAULTS_H
#define FOOTSOCK_EMU_FAULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Counted faults: NAME=N. */
enum emu_fault {
	EMU_F_DROP,		/* every Nth frame not sent: a sequence gap */
	EMU_F_DUP,		/* every Nth frame sent twice */
	EMU_F_REORDER,		/* every Nth frame swapped with the next */
	EMU_F_BADCRC,		/* every Nth frame with a wrong CRC */
	EMU_F_BADVERSION,	/* every Nth frame with version 0x7f */
	EMU_F_SHORT,		/* every Nth transfer cut to a non-multiple of 64 */
	EMU_F_OVERSIZE,		/* every Nth transfer maxpacket + 64 bytes long */
	EMU_F_BADLEN,		/* every Nth transfer zero bytes long */
	EMU_F_STALL,		/* halt the endpoint once, after N frames */
	EMU_F_HALT,		/* after N frames, halted until the host resets */
	EMU_F_DISCONNECT,	/* unbind the UDC once, after N frames */
	EMU_F_RECONNECT,	/* rebind N seconds after a disconnect */
	EMU_F_INFOUNPLUG,	/* unbind instead of answering the Nth GET_INFO */
	EMU_F_SENSORAT,		/* sensor faults from frame N on (not counted) */
	EMU_F_MUTATE,		/* frames and transfers mutated, PRNG seed N */
	EMU_F_TARESWAP,		/* from the Nth TARE on, another sock answers */
	EMU_F_COUNT,
};

enum emu_info_fault {
	EMU_INFO_OK,
	EMU_INFO_BADMAGIC,
	EMU_INFO_BADVERSION,
	EMU_INFO_SHORT,
	EMU_INFO_ZEROCOUNTS,
	EMU_INFO_BIGCOUNTS,
	EMU_INFO_BADFRAMESIZE,
	EMU_INFO_BADFOOT,
	EMU_INFO_ZEROSCALE,
	EMU_INFO_BADRATE,
	EMU_INFO_BADSERIAL,
	EMU_INFO_STALL,
	EMU_INFO_EMPTYSERIAL,
	EMU_INFO_NULSERIAL,
	EMU_INFO_LOWRATE,
	EMU_INFO_BIGSCALE,
	EMU_INFO_BIGDEN,
	EMU_INFO_LONG,		/* accepted: 400 bytes offered, wLength cuts */
	EMU_INFO_TRUNCATED,	/* 295 bytes */
	EMU_INFO_MAXOFFSET,	/* accepted: every offset INT_MAX */
	EMU_INFO_MINOFFSET,	/* accepted: every offset INT_MIN */
	EMU_INFO_TINYSCALE,	/* accepted: every scale 1/INT_MAX */
	EMU_INFO_HUGESCALE,	/* accepted: every scale INT_MAX/1 */
	EMU_INFO_MAXDEN,	/* scale_den UINT32_MAX */
	EMU_INFO_LONGSERIAL,	/* accepted: 16 characters, no NUL */
	EMU_INFO_DELSERIAL,	/* a DEL (0x7f) in the serial */
	EMU_INFO_UTF8SERIAL,	/* UTF-8 bytes in the serial */
	EMU_INFO_MINRATE,	/* accepted: rate_hz 50 */
	EMU_INFO_MAXRATE,	/* accepted: rate_hz 1000 */
	EMU_INFO_HIGHRATE,	/* rate_hz 1001 */
	EMU_INFO_MAXCOUNTS,	/* num_pressure = num_temp = 255 */
	EMU_INFO_RESERVED,	/* accepted: reserved 0xffff */
	EMU_INFO_COUNT,
};

enum emu_desc_fault {
	EMU_DESC_OK,
	EMU_DESC_WRONGCLASS,
	EMU_DESC_WRONGSUBCLASS,
	EMU_DESC_WRONGPROTOCOL,
	EMU_DESC_NOENDPOINT,
	EMU_DESC_BULK,
	EMU_DESC_OUTENDPOINT,
	EMU_DESC_SMALLMAXP,
	EMU_DESC_ODDMAXP,
	EMU_DESC_HIGHBW,
	EMU_DESC_TWOENDPOINTS,
	EMU_DESC_BIGMAXP,
	EMU_DESC_MAXP1025,	/* wMaxPacketSize 1025 */
	EMU_DESC_MAXP1023,	/* wMaxPacketSize 1023 */
	EMU_DESC_EXTRAEPS,	/* IN, then an interrupt OUT and a bulk IN */
	EMU_DESC_COUNT,
};

/* Sensor faults: what a broken sensor sends (stuck=ZONE, ...). */
enum emu_sensor_fault {
	EMU_SENSOR_OK,
	EMU_SENSOR_STUCK,	/* frozen at its reading when the fault starts */
	EMU_SENSOR_SATURATE,	/* raw 65535: full scale */
	EMU_SENSOR_ZERO,	/* raw 0 */
	EMU_SENSOR_ABSURD,	/* temperature raw -32768: -327.68 degC */
	EMU_SENSOR_COUNT,
};

struct emu_faults {
	uint32_t n[EMU_F_COUNT];	/* 0: off */
	enum emu_info_fault info;
	enum emu_desc_fault desc;
	uint8_t zone[16];		/* enum emu_sensor_fault per zone */
	uint8_t site[6];		/* per temperature site (absurd) */
	uint64_t sensor_at;		/* sensor faults from this frame on */
};

/* The frozen readings of stuck zones. */
struct emu_sensor_state {
	uint16_t frozen[16];
	bool have_frozen;
};

/*
 * Adds the comma-separated faults of SPEC to f (options accumulate).
 * Returns 0, or -EINVAL with a message in err.
 */
int emu_faults_parse(struct emu_faults *f, const char *spec, char *err,
		     size_t errlen);

/* For counted fault kind: is the nth (1-based) frame/transfer hit? */
static inline bool emu_fault_hits(const struct emu_faults *f,
				  enum emu_fault kind, uint64_t nth)
{
	return f->n[kind] && nth && nth % f->n[kind] == 0;
}

/*
 * Applies the sensor faults to the nth (0-based, since power-up) sample.
 * An emu_sample is declared in emu.h; faults.h stays free of it.
 */
struct emu_sample;
void emu_sensor_faults_apply(const struct emu_faults *f,
			     struct emu_sensor_state *st, uint64_t nth,
			     struct emu_sample *smp);

const char *emu_info_fault_name(enum emu_info_fault v);
const char *emu_desc_fault_name(enum emu_desc_fault v);

/* The --help text listing every fault. */
void emu_faults_help(FILE *out);

#endif /* FOOTSOCK_EMU_FAULTS_H */
