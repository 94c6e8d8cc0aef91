// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu's streaming arithmetic and wire encoding: pacing without
 * drift, batching, frames, descriptors and the GET_INFO reply.
 */
#include <endian.h>
#include <stddef.h>
#include <string.h>

#include <linux/usb/ch9.h>
#include <linux/usb/functionfs.h>

#include "kselftest_harness.h"
#include "check-msg.h"
#include "gadget.h"
#include "stream.h"

static const unsigned int rates[] = { 50, 60, 100, 200, 250, 300, 333, 500,
				      667, 997, 1000 };
#define NRATES (sizeof(rates) / sizeof(rates[0]))

/* An hour of frames ends exactly on the hour: nothing accumulates. */
TEST(no_drift_over_an_hour)
{
	unsigned int i;

	for (i = 0; i < NRATES; i++) {
		uint64_t k = 3600ull * rates[i];

		EXPECT_EQ(3600000000000ull, emu_pace_offset_ns(k, rates[i]));
		EXPECT_EQ(3600000000ull, emu_pace_offset_us(k, rates[i]));
		/* and a day, and a year */
		EXPECT_EQ(86400000000000ull, emu_pace_offset_ns(86400ull * rates[i],
								 rates[i]));
		EXPECT_EQ(31536000000000000ull,
			  emu_pace_offset_ns(31536000ull * rates[i], rates[i]));
	}
}

/* Each deadline is floor(k * 1e9 / rate), steps differ by at most 1 ns. */
TEST(deadlines_are_exact_floors)
{
	unsigned int i;
	uint64_t k;

	for (i = 0; i < NRATES; i++) {
		unsigned int r = rates[i];
		uint64_t lo = 1000000000ull / r, prev = 0;

		for (k = 0; k < 3600ull * r; k += (k < 5000 ? 1 : 997)) {
			uint64_t ns = emu_pace_offset_ns(k, r);
			unsigned __int128 exact = (unsigned __int128)k * 1000000000u / r;

			ASSERT_EQ((uint64_t)exact, ns);
			ASSERT_EQ((uint64_t)((unsigned __int128)k * 1000000u / r),
				  emu_pace_offset_us(k, r));
			if (k && k < 5000) {
				ASSERT_GE(ns - prev, lo);
				ASSERT_LE(ns - prev, lo + 1);
			}
			prev = ns;
		}
	}
}

TEST(huge_frame_numbers_do_not_overflow)
{
	uint64_t k = 1ull << 42;	/* 139 years at 1000 Hz */

	EXPECT_EQ(k * 1000000ull, emu_pace_offset_ns(k, 1000));
	EXPECT_EQ(k * 1000ull, emu_pace_offset_us(k, 1000));
	EXPECT_EQ(k * 5000000ull, emu_pace_offset_ns(k, 200));
}

/* How many frames are due at a time: exactly those whose deadline passed. */
TEST(frames_due)
{
	unsigned int i;
	uint64_t rel, due;

	for (i = 0; i < NRATES; i++) {
		unsigned int r = rates[i];

		EXPECT_EQ(1, emu_pace_due(0, r));
		for (rel = 0; rel < 3600000000000ull; rel = rel * 3 + 12345) {
			due = emu_pace_due(rel, r);
			ASSERT_LE(emu_pace_offset_ns(due - 1, r), rel);
			ASSERT_GT(emu_pace_offset_ns(due, r), rel);
		}
		/* exactly on a deadline, that frame is due */
		EXPECT_EQ(3600ull * r + 1,
			  emu_pace_due(emu_pace_offset_ns(3600ull * r, r), r));
	}
}

TEST(batch_size)
{
	EXPECT_EQ(1, emu_batch_frames(50, 1024));
	EXPECT_EQ(1, emu_batch_frames(200, 1024));
	EXPECT_EQ(1, emu_batch_frames(499, 1024));
	EXPECT_EQ(2, emu_batch_frames(500, 1024));
	EXPECT_EQ(4, emu_batch_frames(1000, 1024));
	/* never more than the endpoint carries */
	EXPECT_EQ(1, emu_batch_frames(1000, 64));
	EXPECT_EQ(2, emu_batch_frames(1000, 128));
	EXPECT_EQ(1, emu_batch_frames(1000, 8));
}

TEST(frame_encoding)
{
	struct emu_calib c;
	struct emu_sample s;
	struct footsock_frame f;
	const unsigned char *b = (const unsigned char *)&f;
	int32_t zero[EMU_NP];
	int i;

	emu_calib_init(&c);
	for (i = 0; i < EMU_NP; i++)
		zero[i] = -c.offset[i];
	memset(&s, 0, sizeof(s));
	for (i = 0; i < EMU_NP; i++)
		s.pressure[i] = (uint16_t)(100 * i);
	s.pressure[15] = 65530;
	for (i = 0; i < EMU_NT; i++)
		s.temp[i] = (int16_t)(-100 * i);
	s.faults = FOOTSOCK_FAULT_PRESSURE(3);
	s.pressure[3] = 0;

	emu_frame_encode(&f, 0x01020304, 0x1122334455667788ull, &s, zero);
	EXPECT_EQ(FOOTSOCK_FRAME_VERSION, b[0]);
	EXPECT_EQ(0, b[1]);
	EXPECT_EQ(0x04, b[2]);		/* little-endian seq */
	EXPECT_EQ(0x01, b[5]);
	EXPECT_EQ(0x88, b[6]);		/* little-endian timestamp */
	EXPECT_EQ(0x11, b[13]);
	EXPECT_EQ(100 * 2 + zero[2], le16toh(f.pressure[2]));
	EXPECT_EQ(0, le16toh(f.pressure[3]));	/* missing: raw 0, no offset */
	EXPECT_EQ(0xffff, le16toh(f.pressure[15]));	/* clamped */
	EXPECT_EQ(-300, (int16_t)le16toh(f.temp[3]));
	EXPECT_EQ(FOOTSOCK_FAULT_PRESSURE(3), le32toh(f.faults));
	EXPECT_EQ(footsock_crc16(&f, FOOTSOCK_FRAME_CRC_LEN), le16toh(f.crc));

	/* the test pattern goes out bit for bit */
	s.exact = true;
	s.faults = 0;
	emu_frame_encode(&f, 5, 0, &s, zero);
	EXPECT_EQ(200, le16toh(f.pressure[2]));
}

TEST(calibration_round_trip)
{
	struct emu_calib c;
	int ch, n;

	emu_calib_init(&c);
	for (ch = 0; ch < EMU_NP; ch++) {
		EXPECT_GE(c.offset[ch], -24);
		EXPECT_LE(c.offset[ch], -8);
		for (n = 0; n <= 65535; n++) {
			/* counts -> kPa with 2 decimals -> counts */
			double kpa = emu_calib_pressure_centi(&c, ch, n) / 100.0;

			ASSERT_EQ(n, emu_calib_pressure_counts(&c, ch, kpa));
		}
	}
	/* channels differ, so a test can tell them apart */
	for (ch = 1; ch < EMU_NP; ch++)
		EXPECT_NE(c.num[ch - 1] * c.den[ch], c.num[ch] * c.den[ch - 1]);
	for (ch = 0; ch < EMU_NT; ch++) {
		EXPECT_EQ(10, c.num[EMU_NP + ch]);
		EXPECT_EQ(1, c.den[EMU_NP + ch]);
		EXPECT_EQ(0, c.offset[EMU_NP + ch]);
		EXPECT_EQ(3150, emu_calib_temp_counts(&c, ch, 31.5));
		EXPECT_EQ(-512, emu_calib_temp_counts(&c, ch, -5.12));
		EXPECT_EQ(3150, emu_calib_temp_centi(&c, ch, 3150));
	}
}

static const uint8_t *find_desc(const uint8_t *p, const uint8_t *end,
				uint8_t type, int nth)
{
	while (p < end && p[0]) {
		if (p[1] == type && nth-- == 0)
			return p;
		p += p[0];
	}
	return NULL;
}

TEST(descriptors)
{
	uint8_t buf[256];
	size_t len = gadget_build_descriptors(buf, sizeof(buf), EMU_DESC_OK);
	const uint8_t *fs, *hs, *end = buf + len, *intf, *ep;

	ASSERT_EQ(20 + 2 * (9 + 7), len);
	EXPECT_EQ(FUNCTIONFS_DESCRIPTORS_MAGIC_V2, buf[0]);
	EXPECT_EQ(len, buf[4]);
	EXPECT_EQ(FUNCTIONFS_HAS_FS_DESC | FUNCTIONFS_HAS_HS_DESC, buf[8]);
	EXPECT_EQ(2, buf[12]);	/* fs_count */
	EXPECT_EQ(2, buf[16]);	/* hs_count */
	fs = buf + 20;
	hs = fs + 16;
	intf = find_desc(fs, end, USB_DT_INTERFACE, 0);
	ASSERT_NE(NULL, intf);
	EXPECT_EQ(1, intf[4]);
	EXPECT_EQ(FOOTSOCK_IF_CLASS, intf[5]);
	EXPECT_EQ(FOOTSOCK_IF_SUBCLASS, intf[6]);
	EXPECT_EQ(FOOTSOCK_IF_PROTOCOL, intf[7]);
	ep = find_desc(fs, end, USB_DT_ENDPOINT, 0);
	ASSERT_NE(NULL, ep);
	EXPECT_EQ(0x81, ep[2]);
	EXPECT_EQ(USB_ENDPOINT_XFER_INT, ep[3]);
	EXPECT_EQ(64, ep[4] | ep[5] << 8);
	EXPECT_EQ(1, ep[6]);
	ep = find_desc(hs, end, USB_DT_ENDPOINT, 0);
	ASSERT_NE(NULL, ep);
	EXPECT_EQ(1024, ep[4] | ep[5] << 8);
	EXPECT_EQ(4, ep[6]);
}

TEST(descriptor_variants_differ)
{
	uint8_t ok[256], bad[256];
	size_t lok = gadget_build_descriptors(ok, sizeof(ok), EMU_DESC_OK);
	int v;

	for (v = EMU_DESC_OK + 1; v < EMU_DESC_COUNT; v++) {
		size_t l = gadget_build_descriptors(bad, sizeof(bad),
						    (enum emu_desc_fault)v);

		ASSERT_GT(l, 20);
		EXPECT_MSG(l != lok || memcmp(ok, bad, l),
			   "desc=%s equals the good descriptors",
			   emu_desc_fault_name((enum emu_desc_fault)v));
	}
	gadget_build_descriptors(bad, sizeof(bad), EMU_DESC_SMALLMAXP);
	EXPECT_EQ(8, bad[20 + 9 + 4]);
	EXPECT_EQ(2 + 1, gadget_build_descriptors(bad, sizeof(bad),
						  EMU_DESC_TWOENDPOINTS) ?
		  bad[12] : 0);
}

TEST(strings_blob)
{
	uint8_t buf[64];
	size_t len = gadget_build_strings(buf, sizeof(buf));

	ASSERT_EQ(16 + 2 + sizeof(EMU_INTERFACE), len);
	EXPECT_EQ(FUNCTIONFS_STRINGS_MAGIC, buf[0]);
	EXPECT_EQ(0, strcmp((const char *)buf + 18, EMU_INTERFACE));
}

static void device(struct emu_device *d, struct emu_calib *c)
{
	emu_calib_init(c);
	memset(d, 0, sizeof(*d));
	strcpy(d->serial, "FS-0042");
	d->foot = FOOTSOCK_FOOT_RIGHT;
	d->calib = c;
}

TEST(get_info_reply)
{
	struct emu_calib c;
	struct emu_device d;
	struct footsock_info in;
	int ch;

	device(&d, &c);
	ASSERT_EQ(FOOTSOCK_INFO_SIZE, emu_info_build(&in, &d, 500, false,
						     EMU_INFO_OK));
	EXPECT_EQ(FOOTSOCK_INFO_MAGIC, le32toh(in.magic));
	EXPECT_EQ(1, le16toh(in.proto_version));
	EXPECT_EQ(0x0100, le16toh(in.fw_version));
	EXPECT_EQ(0, memcmp(in.serial, "FS-0042\0\0\0\0\0\0\0\0\0", 16));
	EXPECT_EQ(FOOTSOCK_FOOT_RIGHT, in.foot);
	EXPECT_EQ(16, in.num_pressure);
	EXPECT_EQ(6, in.num_temp);
	EXPECT_EQ(64, in.frame_size);
	EXPECT_EQ(500, le16toh(in.rate_hz));
	EXPECT_EQ(0, in.reserved);
	for (ch = 0; ch < EMU_NCH; ch++) {
		EXPECT_EQ(c.num[ch], (int32_t)le32toh(in.calib[ch].scale_num));
		EXPECT_EQ(c.den[ch], (int32_t)le32toh(in.calib[ch].scale_den));
		EXPECT_EQ(c.offset[ch], (int32_t)le32toh(in.calib[ch].offset));
	}
	/* TARE zeroes the pressure offsets */
	emu_info_build(&in, &d, 500, true, EMU_INFO_OK);
	for (ch = 0; ch < EMU_NP; ch++)
		EXPECT_EQ(0, (int32_t)le32toh(in.calib[ch].offset));
}

TEST(get_info_variants)
{
	struct emu_calib c;
	struct emu_device d;
	struct footsock_info in;

	device(&d, &c);
	emu_info_build(&in, &d, 200, false, EMU_INFO_BADMAGIC);
	EXPECT_NE(FOOTSOCK_INFO_MAGIC, le32toh(in.magic));
	EXPECT_EQ(100, emu_info_build(&in, &d, 200, false, EMU_INFO_SHORT));
	emu_info_build(&in, &d, 200, false, EMU_INFO_BADFRAMESIZE);
	EXPECT_NE(64, in.frame_size);
	emu_info_build(&in, &d, 200, false, EMU_INFO_ZEROSCALE);
	EXPECT_EQ(0, in.calib[0].scale_den);
	emu_info_build(&in, &d, 200, false, EMU_INFO_BADFOOT);
	EXPECT_GT(in.foot, 1);
	emu_info_build(&in, &d, 200, false, EMU_INFO_BADRATE);
	EXPECT_GT(le16toh(in.rate_hz), FOOTSOCK_RATE_MAX_HZ);
	emu_info_build(&in, &d, 200, false, EMU_INFO_BADSERIAL);
	EXPECT_EQ(NULL, memchr(in.serial, 0, sizeof(in.serial)));
}

TEST_HARNESS_MAIN
