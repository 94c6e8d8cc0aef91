/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A kselftest-harness check with a message, written so that cppcheck can
 * parse it (the harness's "EXPECT_*(...) TH_LOG(...)" form is not).
 * cond is evaluated twice: no side effects. Include after
 * kselftest_harness.h.
 */
#ifndef FOOTSOCK_CHECK_MSG_H
#define FOOTSOCK_CHECK_MSG_H

#define EXPECT_MSG(cond, ...) do { \
	if (!(cond)) \
		TH_LOG(__VA_ARGS__); \
	EXPECT_TRUE(cond); \
} while (0)

#define ASSERT_MSG(cond, ...) do { \
	if (!(cond)) \
		TH_LOG(__VA_ARGS__); \
	ASSERT_TRUE(cond); \
} while (0)

#endif
