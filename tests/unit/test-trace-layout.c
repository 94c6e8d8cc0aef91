// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-trace's record layout check (tools/trace/layout.c): the format
 * files of the footsock trace events as the kernel writes them pass; a
 * field moved, resized or missing is refused, naming it; the events are
 * found under an events directory. The reference formats are the kernel's:
 * the offsets pahole shows for trace_event_raw_footsock_* in footsock.ko
 * built against Debian's 6.12 headers (x86_64), written out by hand.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "layout.h"

#define COMMON \
	"format:\n" \
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n" \
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n" \
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n" \
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"

static const char frame_format[] =
	"name: footsock_frame\nID: 1650\n" COMMON
	"\tfield:int iio_id;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:u32 seq;\toffset:12;\tsize:4;\tsigned:0;\n"
	"\tfield:u64 dev_us;\toffset:16;\tsize:8;\tsigned:0;\n"
	"\tfield:s64 host_ns;\toffset:24;\tsize:8;\tsigned:1;\n"
	"\tfield:s64 arrival_ns;\toffset:32;\tsize:8;\tsigned:1;\n"
	"\tfield:s64 push_ns;\toffset:40;\tsize:8;\tsigned:1;\n"
	"\tfield:u8 foot;\toffset:48;\tsize:1;\tsigned:0;\n"
	"\tfield:char serial[17];\toffset:49;\tsize:17;\tsigned:0;\n"
	"\nprint fmt: \"iio:device%d seq=%u\", REC->iio_id, REC->seq\n";

static const char gap_format[] =
	"name: footsock_gap\nID: 1651\n" COMMON
	"\tfield:int iio_id;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:u32 expected;\toffset:12;\tsize:4;\tsigned:0;\n"
	"\tfield:u32 got;\toffset:16;\tsize:4;\tsigned:0;\n"
	"\tfield:u32 gaps;\toffset:20;\tsize:4;\tsigned:0;\n"
	"\tfield:u8 foot;\toffset:24;\tsize:1;\tsigned:0;\n"
	"\tfield:char serial[17];\toffset:25;\tsize:17;\tsigned:0;\n";

static const char crc_format[] =
	"name: footsock_crc_error\nID: 1652\n" COMMON
	"\tfield:int iio_id;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:u32 bad;\toffset:12;\tsize:4;\tsigned:0;\n"
	"\tfield:u32 frames;\toffset:16;\tsize:4;\tsigned:0;\n"
	"\tfield:u8 foot;\toffset:20;\tsize:1;\tsigned:0;\n"
	"\tfield:char serial[17];\toffset:21;\tsize:17;\tsigned:0;\n";

static const char urb_format[] =
	"name: footsock_urb_error\nID: 1653\n" COMMON
	"\tfield:int iio_id;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:int status;\toffset:12;\tsize:4;\tsigned:1;\n"
	"\tfield:u8 foot;\toffset:16;\tsize:1;\tsigned:0;\n"
	"\tfield:char serial[17];\toffset:17;\tsize:17;\tsigned:0;\n";

static const struct ft_event *event(const char *name)
{
	size_t i;

	for (i = 0; i < ft_n_events; i++)
		if (!strcmp(ft_events[i].name, name))
			return &ft_events[i];
	return NULL;
}

/* FORMAT with the first occurrence of FROM replaced by TO. */
static char *edit(const char *format, const char *from, const char *to)
{
	const char *p = strstr(format, from);
	size_t head, len;
	char *out;

	if (!p)
		return NULL;
	head = (size_t)(p - format);
	len = strlen(format) - strlen(from) + strlen(to);
	out = malloc(len + 1);
	if (!out)
		return NULL;
	memcpy(out, format, head);
	strcpy(out + head, to);
	strcat(out, p + strlen(from));
	return out;
}

TEST(the_four_events)
{
	ASSERT_EQ(4, ft_n_events);
	ASSERT_NE(NULL, event("footsock_frame"));
	ASSERT_NE(NULL, event("footsock_gap"));
	ASSERT_NE(NULL, event("footsock_crc_error"));
	ASSERT_NE(NULL, event("footsock_urb_error"));
}

TEST(kernel_formats_pass)
{
	char err[256] = "";

	EXPECT_EQ(0, ft_check_format(event("footsock_frame"), frame_format,
				     err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_EQ(0, ft_check_format(event("footsock_gap"), gap_format,
				     err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_EQ(0, ft_check_format(event("footsock_crc_error"), crc_format,
				     err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_EQ(0, ft_check_format(event("footsock_urb_error"), urb_format,
				     err, sizeof(err))) TH_LOG("%s", err);
}

TEST(moved_field_refused)
{
	char *f = edit(frame_format, "offset:49;", "offset:50;");
	char err[256] = "";

	ASSERT_NE(NULL, f);
	EXPECT_EQ(-EPROTO, ft_check_format(event("footsock_frame"), f, err,
					   sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "field serial is at offset 50, size 17 in the kernel, at offset 49, size 17"))
		TH_LOG("%s", err);
	free(f);
}

TEST(resized_field_refused)
{
	char *f = edit(gap_format, "field:u32 gaps;\toffset:20;\tsize:4;",
		       "field:u64 gaps;\toffset:20;\tsize:8;");
	char err[256] = "";

	ASSERT_NE(NULL, f);
	EXPECT_EQ(-EPROTO, ft_check_format(event("footsock_gap"), f, err,
					   sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "field gaps")) TH_LOG("%s", err);
	free(f);
}

/* The driver before push_ns: its frame event has no such field. */
TEST(missing_field_refused)
{
	char *f = edit(frame_format,
		       "\tfield:s64 push_ns;\toffset:40;\tsize:8;\tsigned:1;\n", "");
	char err[256] = "";

	ASSERT_NE(NULL, f);
	EXPECT_EQ(-EPROTO, ft_check_format(event("footsock_frame"), f, err,
					   sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "no field push_ns")) TH_LOG("%s", err);
	free(f);
}

/* A name is matched whole: host_ns_old is not host_ns. */
TEST(names_matched_whole)
{
	char *f = edit(frame_format, "s64 host_ns;", "s64 host_ns_old;");
	char err[256] = "";

	ASSERT_NE(NULL, f);
	EXPECT_EQ(-EPROTO, ft_check_format(event("footsock_frame"), f, err,
					   sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "no field host_ns")) TH_LOG("%s", err);
	free(f);
}

static void put(const char *dir, const char *ev, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/footsock/%s", dir, ev);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/footsock/%s/format", dir, ev);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Read from an events directory laid out as tracefs's. */
TEST(events_directory)
{
	char dir[] = "/tmp/test-trace-layout-XXXXXX", path[512], cmd[600];
	char err[256] = "";
	size_t i;

	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/footsock", dir);
	ASSERT_EQ(0, mkdir(path, 0755));
	EXPECT_EQ(-ENOENT, ft_check_event(dir, event("footsock_frame"), err,
					  sizeof(err)));
	put(dir, "footsock_frame", frame_format);
	put(dir, "footsock_gap", gap_format);
	put(dir, "footsock_crc_error", crc_format);
	put(dir, "footsock_urb_error", urb_format);
	for (i = 0; i < ft_n_events; i++)
		EXPECT_EQ(0, ft_check_event(dir, &ft_events[i], err, sizeof(err)))
			TH_LOG("%s: %s", ft_events[i].name, err);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	EXPECT_EQ(0, system(cmd));
}

TEST_HARNESS_MAIN
