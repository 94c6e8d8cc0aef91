// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The importers on good and bad lines: precise errors (line and column),
 * missing values, the v1 writer round trip; and footsockctl analyze on
 * bad files: a clear error naming file and line, non-zero exit, no crash.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "analysis.h"
#include "import.h"

static int feed(struct fs_import *im, const char *line, struct fs_frame out[2])
{
	return fs_import_line(im, line, strlen(line), out);
}

static const char row[] =
	"1.000,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25";

static void v1_start(struct __test_metadata *_metadata, struct fs_import *im)
{
	struct fs_frame out[2];

	fs_import_init(im, FS_FMT_AUTO);
	ASSERT_EQ(0, feed(im, "# footsock recording v1", out));
	ASSERT_EQ(0, feed(im, "# rate_hz=200", out));
	ASSERT_EQ(0, feed(im, "# unknown=kept", out));
	ASSERT_EQ(0, feed(im, fs_rec_header, out));
}

TEST(v1_good_row_and_round_trip)
{
	struct fs_import im;
	struct fs_frame out[2], back[2];
	char buf[512];

	v1_start(_metadata, &im);
	EXPECT_EQ(FS_FMT_FOOTSOCK, im.fmt);
	EXPECT_EQ(200.0, im.rate_hz);
	ASSERT_EQ(1 << FS_LEFT, feed(&im, row, out));
	EXPECT_EQ(1.0, out[FS_LEFT].t);
	EXPECT_EQ(16.0f, out[FS_LEFT].p[FS_Z_CUFF]);
	EXPECT_EQ(25.0f, out[FS_LEFT].temp[FS_T_SHOE]);
	out[FS_LEFT].p[FS_Z_DORSUM] = NAN;
	out[FS_LEFT].t = 2.0;
	ASSERT_LT(0, fs_rec_format_row(buf, sizeof(buf), FS_LEFT, &out[FS_LEFT]));
	ASSERT_EQ(1 << FS_LEFT, feed(&im, buf, back));
	EXPECT_TRUE(isnan(back[FS_LEFT].p[FS_Z_DORSUM]));
	EXPECT_EQ(16.0f, back[FS_LEFT].p[FS_Z_CUFF]);
}

TEST(v1_empty_fields_are_missing)
{
	struct fs_import im;
	struct fs_frame out[2];

	v1_start(_metadata, &im);
	ASSERT_EQ(1 << FS_RIGHT, feed(&im, "0.5,right,,,,,,,,,,,,,,,,,,,,,,", out));
	EXPECT_TRUE(isnan(out[FS_RIGHT].p[0]));
	EXPECT_TRUE(isnan(out[FS_RIGHT].temp[5]));
}

struct bad {
	const char *line;
	int col;
};

TEST(v1_bad_rows_name_the_column)
{
	static const struct bad bad[] = {
		{ "1.0,left,1,2,3", 5 },				/* truncated */
		{ "1.0,middle,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25", 2 },
		{ "1.0,left,1,2,x3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25", 5 },
		{ "1.0,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,nan", 24 },
		{ "1.0,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,1e999", 24 },
		{ "0.5,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25", 1 },
		{ ",left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25", 1 },
		{ "2.0,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25,9", 25 },
	};
	struct fs_import im;
	struct fs_frame out[2];
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v1_start(_metadata, &im);
		ASSERT_EQ(1 << FS_LEFT, feed(&im, row, out));
		EXPECT_GT(0, feed(&im, bad[i].line, out)) TH_LOG("row %u", i);
		EXPECT_EQ(bad[i].col, im.err_col) TH_LOG("row %u: %s", i, im.err);
		EXPECT_EQ(6, im.line);
		EXPECT_NE(0, im.err[0]);
	}
}

TEST(v1_wrong_header)
{
	struct fs_import im;
	struct fs_frame out[2];

	fs_import_init(&im, FS_FMT_FOOTSOCK);
	EXPECT_EQ(-EINVAL, feed(&im, "time_s,foot,p_hallux", out));
	EXPECT_NE(NULL, strstr(im.err, "header"));
}

TEST(gaitpdb_rows)
{
	struct fs_import im;
	struct fs_frame out[2];

	fs_import_init(&im, FS_FMT_AUTO);
	ASSERT_EQ(3, feed(&im, "0.01\t1\t2\t3\t4\t5\t6\t7\t8\t1\t2\t3\t4\t5\t6\t7\t8\t600.5\t700", out));
	EXPECT_EQ(FS_FMT_GAITPDB, im.fmt);
	EXPECT_EQ(600.5f, out[FS_LEFT].load);
	EXPECT_EQ(700.0f, out[FS_RIGHT].load);
	EXPECT_TRUE(isnan(out[FS_LEFT].p[0]));
	EXPECT_GT(0, feed(&im, "0.02\t1\t2", out));
	EXPECT_EQ(3, im.err_col);
	EXPECT_GT(0, feed(&im, "0.03\t1\t2\t3\t4\t5\t6\t7\t8\t1\t2\t3\t4\t5\t6\t7\tz\t600\t700", out));
	EXPECT_EQ(17, im.err_col);
}

TEST(moticon_data_before_header)
{
	struct fs_import im;
	struct fs_frame out[2];

	fs_import_init(&im, FS_FMT_MOTICON);
	EXPECT_GT(0, feed(&im, "0.00\t1\t2", out));
	EXPECT_EQ(1, im.line);
}

TEST(nul_bytes_and_long_lines)
{
	static char big[FS_MAX_LINE + 10];
	struct fs_import im;
	struct fs_frame out[2];

	fs_import_init(&im, FS_FMT_FOOTSOCK);
	EXPECT_GT(0, fs_import_line(&im, "a\0b", 3, out));
	memset(big, '1', sizeof(big));
	EXPECT_EQ(-E2BIG, fs_import_line(&im, big, sizeof(big), out));
}

/*
 * The last line of a file without its newline was cut (a crash, a full
 * disk): when it does not parse it is dropped, with im.torn set and the
 * reason in im.err, instead of failing the file. A v1 row is dropped even
 * when it parses (its last value may be cut short: "30.25" -> "3"); a
 * line of another format that parses is an ordinary last line without a
 * newline. A bad line with its newline stays an error.
 */
TEST(torn_last_line)
{
	struct fs_import im;
	struct fs_frame out[2];
	char cut[sizeof(row)];

	v1_start(_metadata, &im);
	ASSERT_EQ(1 << FS_LEFT, feed(&im, row, out));
	EXPECT_EQ(0, fs_import_last_line(&im, "2.000,left,1,2,3", 16, out));
	EXPECT_TRUE(im.torn);
	EXPECT_EQ(6L, (long)im.line);
	EXPECT_NE(NULL, strstr(im.err, "expected 24 columns"));

	/* Cut in the last value: parses, and is dropped all the same. */
	v1_start(_metadata, &im);
	ASSERT_EQ(1 << FS_LEFT, feed(&im, row, out));
	snprintf(cut, sizeof(cut), "%s", row);
	cut[0] = '2';			/* 2.000: later than the row before */
	cut[strlen(cut) - 1] = '\0';	/* "25" -> "2" */
	EXPECT_EQ(0, fs_import_last_line(&im, cut, strlen(cut), out));
	EXPECT_TRUE(im.torn);
	EXPECT_EQ(1.0, im.end_t);	/* its time not taken either */

	/* A whole last row, or a blank or comment line: nothing torn. */
	v1_start(_metadata, &im);
	EXPECT_EQ(0, fs_import_last_line(&im, "# note", 6, out));
	EXPECT_FALSE(im.torn);

	/* gaitpdb without a final newline: the last line is a line. */
	fs_import_init(&im, FS_FMT_GAITPDB);
	EXPECT_EQ(3, fs_import_last_line(&im,
		"0.01\t1\t2\t3\t4\t5\t6\t7\t8\t1\t2\t3\t4\t5\t6\t7\t8\t36\t36",
		strlen("0.01\t1\t2\t3\t4\t5\t6\t7\t8\t1\t2\t3\t4\t5\t6\t7\t8\t36\t36"),
		out));
	EXPECT_FALSE(im.torn);
	EXPECT_EQ(0, fs_import_last_line(&im, "0.02\t1\t2", 9, out));
	EXPECT_TRUE(im.torn);
}

/* footsockctl on bad files: exit 1, "FILE:LINE" on stderr, no crash. */
static void ctl_bad(struct __test_metadata *_metadata, const char *content,
		    size_t len, const char *want)
{
	char path[] = "/tmp/fs-bad-XXXXXX", cmd[256], err[512];
	FILE *f;
	size_t n;
	int fd, status;

	if (access("build/bin/footsockctl", X_OK))
		SKIP(return, "footsockctl not built");
	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	if (content) {
		ASSERT_EQ((ssize_t)len, write(fd, content, len));
	} else {
		ASSERT_EQ(0, ftruncate(fd, 2LL << 30));	/* sparse 2 GB of NULs */
	}
	close(fd);
	snprintf(cmd, sizeof(cmd), "build/bin/footsockctl analyze %s 2>&1 >/dev/null", path);
	f = popen(cmd, "r");
	ASSERT_NE(NULL, f);
	n = fread(err, 1, sizeof(err) - 1, f);
	err[n] = '\0';
	status = pclose(f);
	unlink(path);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(1, WEXITSTATUS(status));
	EXPECT_NE(NULL, strstr(err, path)) TH_LOG("stderr: %s", err);
	EXPECT_NE(NULL, strstr(err, want)) TH_LOG("stderr: %s", err);
}

TEST(ctl_empty_file) { ctl_bad(_metadata, "", 0, "empty file"); }
TEST(ctl_garbage) { ctl_bad(_metadata, "hello\nworld\n", 12, ":1: unknown format"); }
TEST(ctl_truncated)
{
	static const char s[] = "# footsock recording v1\n%s\n1.0,left,1,2\n";
	char buf[1024];

	snprintf(buf, sizeof(buf), s, fs_rec_header);
	ctl_bad(_metadata, buf, strlen(buf), ":3:4: expected 24 columns");
}
TEST(ctl_huge_sparse_file) { ctl_bad(_metadata, NULL, 0, ":1"); }

/*
 * footsockctl analyze on a recording whose last row was torn: it analyses
 * the rows before and says which line it dropped (exit 0).
 */
TEST(ctl_torn_last_line)
{
	char path[] = "/tmp/fs-torn-XXXXXX", cmd[256], err[512], want[64];
	FILE *f;
	size_t n;
	int fd, status, i;

	if (access("build/bin/footsockctl", X_OK))
		SKIP(return, "footsockctl not built");
	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	f = fdopen(fd, "w");
	ASSERT_NE(NULL, f);
	fprintf(f, "# footsock recording v1\n%s\n", fs_rec_header);
	for (i = 0; i < 400; i++)
		fprintf(f, "%d.%03d,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25\n",
			i / 200, i % 200 * 5);
	fprintf(f, "2.000,left,1,2,3,4,5,6,7,8");
	fclose(f);
	snprintf(cmd, sizeof(cmd), "build/bin/footsockctl analyze %s 2>&1 >/dev/null", path);
	f = popen(cmd, "r");
	ASSERT_NE(NULL, f);
	n = fread(err, 1, sizeof(err) - 1, f);
	err[n] = '\0';
	status = pclose(f);
	unlink(path);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("stderr: %s", err);
	snprintf(want, sizeof(want), "%s:403: warning: torn last line", path);
	EXPECT_NE(NULL, strstr(err, want)) TH_LOG("stderr: %s", err);
}

TEST_HARNESS_MAIN
