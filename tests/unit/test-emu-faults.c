// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu --fault SPEC parsing: good specs set what they say, bad
 * ones are refused with a message naming the problem.
 */
#include <errno.h>
#include <string.h>

#include "kselftest_harness.h"
#include "check-msg.h"
#include "emu.h"
#include "faults.h"

TEST(counted_faults)
{
	struct emu_faults f;
	char err[256] = "";
	int ret;

	memset(&f, 0, sizeof(f));
	ret = emu_faults_parse(&f, "drop=10,dup=3,reorder=7,badcrc=11", err,
			       sizeof(err));
	ASSERT_MSG(ret == 0, "%s", err);
	EXPECT_EQ(10, f.n[EMU_F_DROP]);
	EXPECT_EQ(3, f.n[EMU_F_DUP]);
	EXPECT_EQ(7, f.n[EMU_F_REORDER]);
	EXPECT_EQ(11, f.n[EMU_F_BADCRC]);
	EXPECT_EQ(0, f.n[EMU_F_SHORT]);
	/* options accumulate */
	ASSERT_EQ(0, emu_faults_parse(&f, "short=5,oversize=6,badlen=9,badversion=4",
				      err, sizeof(err)));
	ASSERT_EQ(0, emu_faults_parse(&f, "stall=1000,disconnect=2000,reconnect=2",
				      err, sizeof(err)));
	ASSERT_EQ(0, emu_faults_parse(&f, "halt=300,infounplug=2", err,
				      sizeof(err)));
	EXPECT_EQ(10, f.n[EMU_F_DROP]);
	EXPECT_EQ(5, f.n[EMU_F_SHORT]);
	EXPECT_EQ(6, f.n[EMU_F_OVERSIZE]);
	EXPECT_EQ(9, f.n[EMU_F_BADLEN]);
	EXPECT_EQ(4, f.n[EMU_F_BADVERSION]);
	EXPECT_EQ(1000, f.n[EMU_F_STALL]);
	EXPECT_EQ(2000, f.n[EMU_F_DISCONNECT]);
	EXPECT_EQ(2, f.n[EMU_F_RECONNECT]);
	EXPECT_EQ(300, f.n[EMU_F_HALT]);
	EXPECT_EQ(2, f.n[EMU_F_INFOUNPLUG]);
	ASSERT_EQ(0, emu_faults_parse(&f, "drop=4294967295", err, sizeof(err)));
	EXPECT_EQ(4294967295u, f.n[EMU_F_DROP]);
}

TEST(variants)
{
	static const char *const info[] = { "badmagic", "badversion", "short",
		"zerocounts", "bigcounts", "badframesize", "badfoot", "zeroscale",
		"badrate", "badserial", "stall", "emptyserial", "nulserial",
		"lowrate", "bigscale", "bigden", "long", "truncated", "maxoffset",
		"minoffset", "tinyscale", "hugescale", "maxden", "longserial",
		"delserial", "utf8serial", "minrate", "maxrate", "highrate",
		"maxcounts", "reserved" };
	static const char *const desc[] = { "wrongclass", "wrongsubclass",
		"wrongprotocol", "noendpoint", "bulk", "outendpoint", "smallmaxp",
		"oddmaxp", "highbw", "twoendpoints", "bigmaxp", "maxp1025",
		"maxp1023", "extraeps" };
	struct emu_faults f;
	char spec[64], err[256];
	unsigned int i;
	int ret;

	for (i = 0; i < sizeof(info) / sizeof(info[0]); i++) {
		memset(&f, 0, sizeof(f));
		snprintf(spec, sizeof(spec), "info=%s", info[i]);
		ret = emu_faults_parse(&f, spec, err, sizeof(err));
		ASSERT_MSG(ret == 0, "%s: %s", spec, err);
		EXPECT_NE(EMU_INFO_OK, f.info);
		EXPECT_STREQ(info[i], emu_info_fault_name(f.info));
	}
	/* Every fault the emulator has is in the lists above: a new one
	 * cannot be added without its name being parsed and checked. */
	EXPECT_EQ(EMU_INFO_COUNT - 1, sizeof(info) / sizeof(info[0]));
	EXPECT_EQ(EMU_DESC_COUNT - 1, sizeof(desc) / sizeof(desc[0]));
	for (i = 0; i < sizeof(desc) / sizeof(desc[0]); i++) {
		memset(&f, 0, sizeof(f));
		snprintf(spec, sizeof(spec), "desc=%s", desc[i]);
		ret = emu_faults_parse(&f, spec, err, sizeof(err));
		ASSERT_MSG(ret == 0, "%s: %s", spec, err);
		EXPECT_STREQ(desc[i], emu_desc_fault_name(f.desc));
	}
	memset(&f, 0, sizeof(f));
	ASSERT_EQ(0, emu_faults_parse(&f, "info=short,desc=bulk,drop=3", err,
				      sizeof(err)));
	EXPECT_EQ(EMU_INFO_SHORT, f.info);
	EXPECT_EQ(EMU_DESC_BULK, f.desc);
	EXPECT_EQ(3, f.n[EMU_F_DROP]);
}

/* A bad spec fails with a message that names what is wrong. */
static void refused(struct __test_metadata *_metadata, const char *spec,
		    const char *needle)
{
	struct emu_faults f;
	char err[256] = "";
	int ret;

	memset(&f, 0, sizeof(f));
	ret = emu_faults_parse(&f, spec, err, sizeof(err));
	EXPECT_MSG(ret == -EINVAL, "'%s' was accepted", spec);
	EXPECT_MSG(strstr(err, needle) != NULL,
		   "'%s': message '%s' lacks '%s'", spec, err, needle);
}

TEST(bad_specs)
{
	refused(_metadata, "", "empty");
	refused(_metadata, "drop", "needs a value");
	refused(_metadata, "drop=", "needs a value");
	refused(_metadata, "drop=0", "from 1");
	refused(_metadata, "drop=-1", "positive integer");
	refused(_metadata, "drop=abc", "positive integer");
	refused(_metadata, "drop=1x", "from 1");
	refused(_metadata, "drop=4294967296", "from 1");
	refused(_metadata, "drop=99999999999999999999999", "from 1");
	refused(_metadata, "bogus=1", "unknown fault 'bogus'");
	refused(_metadata, "info=nope", "unknown info variant 'nope'");
	refused(_metadata, "desc=", "needs a value");
	refused(_metadata, "desc=bulky", "unknown desc variant");
	refused(_metadata, "drop=5,,dup=2", "empty");
	refused(_metadata, "drop=5,", "empty");
	refused(_metadata, "DROP=5", "unknown fault");
}

TEST(every_nth)
{
	struct emu_faults f;
	uint64_t n, hits = 0;

	memset(&f, 0, sizeof(f));
	EXPECT_FALSE(emu_fault_hits(&f, EMU_F_DROP, 10));
	f.n[EMU_F_DROP] = 10;
	for (n = 1; n <= 1000; n++)
		hits += emu_fault_hits(&f, EMU_F_DROP, n);
	EXPECT_EQ(100, hits);
	EXPECT_TRUE(emu_fault_hits(&f, EMU_F_DROP, 10));
	EXPECT_FALSE(emu_fault_hits(&f, EMU_F_DROP, 0));
	EXPECT_FALSE(emu_fault_hits(&f, EMU_F_DROP, 11));
}

/* Sensor faults: what a broken sensor sends, from sensorat=N on. */
TEST(sensor_faults)
{
	struct emu_faults f;
	struct emu_sensor_state st;
	struct emu_sample smp;
	char err[256];
	int i;

	memset(&f, 0, sizeof(f));
	memset(&st, 0, sizeof(st));
	ASSERT_EQ(0, emu_faults_parse(&f, "stuck=dorsum,saturate=cuff,zero=hallux,absurd=toe,sensorat=5",
				      err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_EQ(5, f.sensor_at);
	EXPECT_EQ(EMU_SENSOR_STUCK, f.zone[10]);
	EXPECT_EQ(EMU_SENSOR_SATURATE, f.zone[15]);
	EXPECT_EQ(EMU_SENSOR_ZERO, f.zone[0]);
	EXPECT_EQ(EMU_SENSOR_ABSURD, f.site[0]);
	for (i = 0; i < 10; i++) {
		memset(&smp, 0, sizeof(smp));
		smp.pressure[0] = smp.pressure[10] = smp.pressure[15] = (uint16_t)(100 + i);
		smp.pressure[1] = (uint16_t)(100 + i);
		smp.temp[0] = 3000;
		emu_sensor_faults_apply(&f, &st, (uint64_t)i, &smp);
		if (i < 5) {
			EXPECT_EQ(100 + i, smp.pressure[0]);
			EXPECT_EQ(3000, smp.temp[0]);
			continue;
		}
		EXPECT_EQ(0, smp.pressure[0]);
		EXPECT_EQ(105, smp.pressure[10]);	/* frozen at frame 5 */
		EXPECT_EQ(65535, smp.pressure[15]);
		EXPECT_EQ(100 + i, smp.pressure[1]);	/* untouched */
		EXPECT_EQ(-32768, smp.temp[0]);
	}
	memset(&f, 0, sizeof(f));
	ASSERT_EQ(0, emu_faults_parse(&f, "zero=all", err, sizeof(err)));
	for (i = 0; i < 16; i++)
		EXPECT_EQ(EMU_SENSOR_ZERO, f.zone[i]);
	EXPECT_EQ(-EINVAL, emu_faults_parse(&f, "stuck=knee", err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "not a pressure zone"));
	EXPECT_EQ(-EINVAL, emu_faults_parse(&f, "absurd=hallux", err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "not a temperature site"));
}

TEST_HARNESS_MAIN
