// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd's journal rate limit (daemon/ratelimit.c): a burst of messages
 * passes, the rest of the interval is suppressed and counted, and the next
 * interval starts afresh with the count still there for the first message
 * to report.
 */
#include <stdbool.h>
#include <stdint.h>

#include "kselftest_harness.h"
#include "ratelimit.h"

#define SEC 1000000ULL

TEST(burst_then_suppressed)
{
	struct ratelimit rl = { 0 };
	uint64_t t = 1000 * SEC;
	int i, passed = 0;

	for (i = 0; i < 20; i++)
		passed += ratelimit_pass(&rl, t + (uint64_t)i * SEC / 10,
					 30 * SEC, 5);
	EXPECT_EQ(5, passed);
	EXPECT_EQ(15, rl.suppressed);
}

TEST(next_interval_passes_again)
{
	struct ratelimit rl = { 0 };
	uint64_t t = 1000 * SEC;
	int i;

	for (i = 0; i < 8; i++)
		ratelimit_pass(&rl, t, 30 * SEC, 5);
	EXPECT_EQ(3, rl.suppressed);
	/* one microsecond short of the interval: still suppressed */
	EXPECT_FALSE(ratelimit_pass(&rl, t + 30 * SEC - 1, 30 * SEC, 5));
	EXPECT_EQ(4, rl.suppressed);
	/* a new interval: a burst again; the count waits to be reported */
	for (i = 0; i < 5; i++)
		EXPECT_TRUE(ratelimit_pass(&rl, t + 30 * SEC + (uint64_t)i,
					   30 * SEC, 5));
	EXPECT_FALSE(ratelimit_pass(&rl, t + 31 * SEC, 30 * SEC, 5));
	EXPECT_EQ(5, rl.suppressed);
}

TEST(burst_of_one)
{
	struct ratelimit rl = { 0 };

	EXPECT_TRUE(ratelimit_pass(&rl, 5 * SEC, SEC, 1));
	EXPECT_FALSE(ratelimit_pass(&rl, 5 * SEC + SEC / 2, SEC, 1));
	EXPECT_TRUE(ratelimit_pass(&rl, 6 * SEC, SEC, 1));
}

TEST_HARNESS_MAIN
