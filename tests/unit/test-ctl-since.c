// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl events --since TIME: every accepted form to the right
 * microsecond, local time in a fixed zone, and the refusals.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "kselftest_harness.h"
#include "check-msg.h"
#include "since.h"

#define S 1000000ULL
/* 2026-11-28T10:00:00Z */
#define T10Z 1795860000ULL
/* an arbitrary "now" */
#define NOW (T10Z * S + 123456)

static uint64_t parse_ok(struct __test_metadata *_metadata, const char *s)
{
	uint64_t v = 0;
	int r = ctl_parse_since(s, NOW, &v);

	EXPECT_MSG(r == 0, "'%s': %d", s, r);
	return v;
}

static int parse_err(const char *s, uint64_t now)
{
	uint64_t v = 42;
	int r = ctl_parse_since(s, now, &v);

	return r < 0 && v == 42 ? r : 0;
}

TEST(epoch)
{
	EXPECT_EQ(1700000000ULL * S, parse_ok(_metadata, "@1700000000"));
	EXPECT_EQ(1700000000ULL * S + 500000, parse_ok(_metadata, "@1700000000.5"));
	EXPECT_EQ(0ULL, parse_ok(_metadata, "@0"));
	EXPECT_EQ(-EINVAL, parse_err("@", NOW));
	EXPECT_EQ(-EINVAL, parse_err("@12x", NOW));
	EXPECT_EQ(-EINVAL, parse_err("@-5", NOW));
	EXPECT_EQ(-ERANGE, parse_err("@99999999999999999999", NOW));
}

TEST(iso8601_utc_and_offsets)
{
	EXPECT_EQ(T10Z * S, parse_ok(_metadata, "2026-11-28T10:00:00Z"));
	EXPECT_EQ(T10Z * S + 250000, parse_ok(_metadata, "2026-11-28T10:00:00.25Z"));
	EXPECT_EQ((T10Z - 3600) * S, parse_ok(_metadata, "2026-11-28T10:00:00+01:00"));
	EXPECT_EQ((T10Z + 5400) * S, parse_ok(_metadata, "2026-11-28T10:00:00-0130"));
	EXPECT_EQ(T10Z * S, parse_ok(_metadata, "2026-11-28T10:00Z"));
	EXPECT_EQ((T10Z - 36000) * S, parse_ok(_metadata, "2026-11-28Z"));
}

TEST(iso8601_local)
{
	/* A zone without daylight saving, one hour east of UTC. */
	setenv("TZ", "CET-1", 1);
	tzset();
	EXPECT_EQ((T10Z - 3600) * S, parse_ok(_metadata, "2026-11-28 10:00:00"));
	EXPECT_EQ((T10Z - 3600) * S, parse_ok(_metadata, "2026-11-28T10:00:00"));
	EXPECT_EQ((T10Z - 3600) * S, parse_ok(_metadata, "2026-11-28 10:00"));
	EXPECT_EQ((T10Z - 36000 - 3600) * S, parse_ok(_metadata, "2026-11-28"));
	unsetenv("TZ");
	tzset();
}

TEST(iso8601_refused)
{
	static const char *const bad[] = {
		"2026-02-31T00:00:00Z", "2026-13-01T00:00:00Z",
		"2026-11-28T25:00:00Z", "2026-11-28T10:60:00Z",
		"2026-11-28T10:00:00X", "2026-11-28T10", "2026-11-28T10:00.5Z",
		"2026-11-28T10:00:00+2500", "2026-11-28 10:00:00 UTC",
		"26-11-28", "2026/11/28",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_MSG(parse_err(bad[i], NOW) == -EINVAL, "'%s' accepted", bad[i]);
}

TEST(relative)
{
	EXPECT_EQ(NOW - 600 * S, parse_ok(_metadata, "-10min"));
	EXPECT_EQ(NOW - 600 * S, parse_ok(_metadata, "10 min ago"));
	EXPECT_EQ(NOW - 600 * S, parse_ok(_metadata, "10minutes ago"));
	EXPECT_EQ(NOW - 600 * S, parse_ok(_metadata, "-10m"));
	EXPECT_EQ(NOW - 30 * S, parse_ok(_metadata, "-30s"));
	EXPECT_EQ(NOW - 30 * S, parse_ok(_metadata, "30 seconds ago"));
	EXPECT_EQ(NOW - 7200 * S, parse_ok(_metadata, "-2h"));
	EXPECT_EQ(NOW - 5400 * S, parse_ok(_metadata, "1.5h ago"));
	EXPECT_EQ(NOW - 86400 * S, parse_ok(_metadata, "-1d"));
	EXPECT_EQ(NOW, parse_ok(_metadata, "now"));
	EXPECT_EQ(NOW, parse_ok(_metadata, "-0s"));
}

TEST(relative_refused)
{
	static const char *const bad[] = {
		"10min", "-10 min ago", "-10", "10 ago", "-10 fortnights",
		"yesterday", "", "-", "- 10min", "-10min later", "+10min",
		"-10mins ago", "ago",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_MSG(parse_err(bad[i], NOW) == -EINVAL, "'%s' accepted", bad[i]);
	/* Before the epoch. */
	EXPECT_EQ(-ERANGE, parse_err("-2h", 3600 * S));
}

TEST_HARNESS_MAIN
