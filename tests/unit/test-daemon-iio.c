// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd's IIO scan decoding (daemon/iio.c) against synthetic sysfs
 * trees in a temporary directory: the driver's own layout, and a shuffled
 * one (other indices, types, labels) that only a decoder reading sysfs
 * gets right.
 */
#include <endian.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "iio.h"

static void put(const char *dir, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void put(const char *dir, const char *name, const char *fmt, ...)
{
	char path[512];
	va_list ap;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
}

static void element(const char *dir, const char *ch, unsigned int index,
		    const char *type, int en)
{
	char name[128];

	snprintf(name, sizeof(name), "scan_elements/%s_en", ch);
	put(dir, name, "%d", en);
	snprintf(name, sizeof(name), "scan_elements/%s_index", ch);
	put(dir, name, "%u", index);
	snprintf(name, sizeof(name), "scan_elements/%s_type", ch);
	put(dir, name, "%s", type);
}

FIXTURE(tree)
{
	char dir[64];
};

void tree_setup(struct __test_metadata *_metadata, FIXTURE_DATA(tree) *self,
		const FIXTURE_VARIANT(tree) *variant);
void tree_teardown(struct __test_metadata *_metadata, FIXTURE_DATA(tree) *self,
		   const FIXTURE_VARIANT(tree) *variant);

FIXTURE_SETUP(tree)
{
	char sub[128];

	snprintf(self->dir, sizeof(self->dir), "/tmp/footsockd-iio-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(sub, sizeof(sub), "%s/scan_elements", self->dir);
	ASSERT_EQ(0, mkdir(sub, 0755));
}

FIXTURE_TEARDOWN(tree)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->dir);
	if (system(cmd))
		TH_LOG("cannot remove %s", self->dir);
}

/* The tree footsock.ko makes (docs/driver.md), all channels disabled. */
static void driver_tree(const char *dir)
{
	unsigned int i;
	char ch[32], name[64];

	put(dir, "name", "footsock");
	for (i = 0; i < FS_NZONES; i++) {
		snprintf(ch, sizeof(ch), "in_pressure%u", i);
		element(dir, ch, i, "le:u16/16>>0", 0);
		snprintf(name, sizeof(name), "%s_label", ch);
		put(dir, name, "%s", fs_zone_names[i]);
		snprintf(name, sizeof(name), "%s_scale", ch);
		put(dir, name, "0.250000000");
		snprintf(name, sizeof(name), "%s_offset", ch);
		put(dir, name, "-100");
	}
	for (i = 0; i < FS_NTEMPS; i++) {
		snprintf(ch, sizeof(ch), "in_temp%u", i);
		element(dir, ch, FS_NZONES + i, "le:s16/16>>0", 0);
		snprintf(name, sizeof(name), "%s_label", ch);
		put(dir, name, "%s", fs_temp_names[i]);
		snprintf(name, sizeof(name), "%s_scale", ch);
		put(dir, name, "10");
		snprintf(name, sizeof(name), "%s_offset", ch);
		put(dir, name, "0");
	}
	element(dir, "in_timestamp", FS_NZONES + FS_NTEMPS, "le:s64/64>>0", 0);
}

TEST(parse_type)
{
	struct fs_iio_channel c;

	ASSERT_EQ(0, fs_iio_parse_type("le:u16/16>>0", &c));
	EXPECT_FALSE(c.be);
	EXPECT_FALSE(c.is_signed);
	EXPECT_EQ(16, c.bits);
	EXPECT_EQ(16, c.storage_bits);
	EXPECT_EQ(0, c.shift);
	ASSERT_EQ(0, fs_iio_parse_type("be:s12/16>>4", &c));
	EXPECT_TRUE(c.be);
	EXPECT_TRUE(c.is_signed);
	EXPECT_EQ(12, c.bits);
	EXPECT_EQ(4, c.shift);
	EXPECT_EQ(-EINVAL, fs_iio_parse_type("le:u16/12>>0", &c));
	EXPECT_EQ(-EINVAL, fs_iio_parse_type("le:x16/16>>0", &c));
	EXPECT_EQ(-EINVAL, fs_iio_parse_type("me:u16/16>>0", &c));
	EXPECT_EQ(-EINVAL, fs_iio_parse_type("le:u16/16>>0 ", &c));
	EXPECT_EQ(-EINVAL, fs_iio_parse_type("le:u16/16X2>>0", &c));
	EXPECT_EQ(-EINVAL, fs_iio_parse_type("le:u12/16>>8", &c));
	EXPECT_EQ(-EINVAL, fs_iio_parse_type("", &c));
}

TEST_F(tree, driver_layout)
{
	struct fs_iio_layout l;
	uint8_t scan[56];
	struct fs_frame fr;
	int64_t ts, ts_le;
	unsigned int i;
	char buf[8];
	FILE *f;
	char path[256];

	driver_tree(self->dir);
	ASSERT_EQ(-ENODATA, fs_iio_read_layout(self->dir, &l));
	ASSERT_EQ(0, fs_iio_enable_channels(self->dir));
	snprintf(path, sizeof(path), "%s/scan_elements/in_timestamp_en", self->dir);
	f = fopen(path, "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(buf, sizeof(buf), f));
	fclose(f);
	EXPECT_EQ('1', buf[0]);

	ASSERT_EQ(0, fs_iio_read_layout(self->dir, &l));
	EXPECT_EQ(23, l.n);
	EXPECT_EQ(FS_NZONES, l.npressure);
	EXPECT_EQ(FS_NTEMPS, l.ntemp);
	/* 22 x 2 bytes, the timestamp aligned to 8: offset 48, size 56. */
	EXPECT_EQ(56, l.scan_size);
	ASSERT_LE(0, l.timestamp);
	EXPECT_EQ(48, l.ch[l.timestamp].location);

	memset(scan, 0, sizeof(scan));
	for (i = 0; i < FS_NZONES; i++) {
		uint16_t v = htole16((uint16_t)(100 + 40 * i));

		memcpy(scan + 2 * i, &v, 2);
	}
	for (i = 0; i < FS_NTEMPS; i++) {
		uint16_t v = htole16((uint16_t)(int16_t)(i == 5 ? -150 : 3000 + 10 * (int)i));

		memcpy(scan + 2 * (FS_NZONES + i), &v, 2);
	}
	ts_le = (int64_t)htole64(1234567890123LL);
	memcpy(scan + 48, &ts_le, 8);
	fs_iio_decode(&l, scan, &fr, &ts);
	EXPECT_EQ(1234567890123LL, ts);
	for (i = 0; i < FS_NZONES; i++)
		EXPECT_EQ(10.0f * i, fr.p[i]);	/* (100+40i-100) * 0.25 */
	EXPECT_EQ(30.0f, fr.temp[0]);		/* 3000 * 10 m°C */
	EXPECT_EQ(30.4f, fr.temp[4]);
	EXPECT_EQ(-1.5f, fr.temp[5]);
}

/*
 * Another device: channels numbered in another order than their labels,
 * big-endian 12-bit pressure in the high bits, a shared scale, an unknown
 * channel, one temperature only, and no timestamp.
 */
TEST_F(tree, shuffled_layout)
{
	struct fs_iio_layout l;
	struct fs_frame fr;
	uint8_t scan[64];
	int64_t ts;
	uint16_t v;
	int32_t t;

	put(self->dir, "in_pressure_scale", "0.5");
	/* in_pressure0 is the cuff, at scan index 3. */
	element(self->dir, "in_pressure0", 3, "be:u12/16>>4", 1);
	put(self->dir, "in_pressure0_label", "cuff");
	/* in_pressure1 is the hallux, at scan index 0; its own offset. */
	element(self->dir, "in_pressure1", 0, "be:u12/16>>4", 1);
	put(self->dir, "in_pressure1_label", "hallux");
	put(self->dir, "in_pressure1_offset", "10");
	/* An unknown sensor with its own label: decoded past, not used. */
	element(self->dir, "in_pressure2", 1, "le:u8/8>>0", 1);
	put(self->dir, "in_pressure2_label", "heel_spur");
	element(self->dir, "in_temp7", 2, "le:s32/32>>0", 1);
	put(self->dir, "in_temp7_label", "shoe");
	put(self->dir, "in_temp7_scale", "1");
	/* Enabled, but not a channel of ours: enable_channels turns it off. */
	element(self->dir, "in_voltage0", 4, "le:u16/16>>0", 1);

	ASSERT_EQ(0, fs_iio_enable_channels(self->dir));
	ASSERT_EQ(0, fs_iio_read_layout(self->dir, &l));
	/* in_voltage0 is switched off: not ours. */
	EXPECT_EQ(4, l.n);
	EXPECT_EQ(-1, l.timestamp);
	EXPECT_EQ(2, l.npressure);
	EXPECT_EQ(1, l.ntemp);
	/* index 0: 2 bytes @0; index 1: 1 byte @2; index 2: 4 bytes @4;
	 * index 3: 2 bytes @8; size rounded to 4: 12. */
	EXPECT_EQ(12, l.scan_size);

	memset(scan, 0xee, sizeof(scan));
	v = htobe16((uint16_t)(90 << 4 | 0xf));		/* hallux raw 90 */
	memcpy(scan + 0, &v, 2);
	scan[2] = 7;
	t = (int32_t)htole32((uint32_t)25500);		/* 25.5 °C */
	memcpy(scan + 4, &t, 4);
	v = htobe16((uint16_t)(4095 << 4));		/* cuff raw 4095 */
	memcpy(scan + 8, &v, 2);
	fs_iio_decode(&l, scan, &fr, &ts);
	EXPECT_EQ(-1, ts);
	EXPECT_EQ(50.0f, fr.p[FS_Z_HALLUX]);	/* (90 + 10) * 0.5 */
	EXPECT_EQ(2047.5f, fr.p[FS_Z_CUFF]);
	EXPECT_TRUE(isnan(fr.p[FS_Z_TOES]));
	EXPECT_EQ(25.5f, fr.temp[FS_T_SHOE]);
	EXPECT_TRUE(isnan(fr.temp[FS_T_TOE]));
}

/* Without labels the contract's channel order is the fallback. */
TEST_F(tree, unlabelled_channels)
{
	struct fs_iio_layout l;
	struct fs_frame fr;
	uint8_t scan[8] = { 0 };
	int64_t ts;

	element(self->dir, "in_pressure10", 0, "le:s16/16>>0", 1);
	element(self->dir, "in_temp2", 1, "le:s16/16>>0", 1);
	scan[0] = 0xfe, scan[1] = 0xff;		/* -2 */
	scan[2] = 0x10;
	ASSERT_EQ(0, fs_iio_read_layout(self->dir, &l));
	fs_iio_decode(&l, scan, &fr, &ts);
	EXPECT_EQ(-2.0f, fr.p[FS_Z_DORSUM]);
	EXPECT_EQ(0.016f, fr.temp[FS_T_DORSUM]);
}

TEST_F(tree, duplicate_index_is_an_error)
{
	struct fs_iio_layout l;

	element(self->dir, "in_pressure0", 0, "le:u16/16>>0", 1);
	element(self->dir, "in_pressure1", 0, "le:u16/16>>0", 1);
	EXPECT_EQ(-EINVAL, fs_iio_read_layout(self->dir, &l));
}

TEST_F(tree, bad_type_is_an_error)
{
	struct fs_iio_layout l;

	element(self->dir, "in_pressure0", 0, "le:u16/16>>0", 1);
	element(self->dir, "in_pressure1", 1, "garbage", 1);
	EXPECT_EQ(-EINVAL, fs_iio_read_layout(self->dir, &l));
}

TEST_HARNESS_MAIN
