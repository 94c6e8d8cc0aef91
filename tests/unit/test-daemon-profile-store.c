// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The profiles on disk (daemon/profile-store.c, daemon/profile-run.c):
 * written whole through a temporary file and rename, mode 0640 whatever
 * the umask, no temporary left behind; read back equal; a profile of
 * another version is refused with a clear message and never overwritten
 * by footsockd; the listing holds profiles only, sorted.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "check-msg.h"
#include "analysis.h"
#include "profile.h"
#include "profile-store.h"
#include "profile-run.h"

FIXTURE(store) {
	char dir[64];
};

void store_setup(struct __test_metadata *_metadata, FIXTURE_DATA(store) *self,
		 const FIXTURE_VARIANT(store) *variant);
void store_teardown(struct __test_metadata *_metadata, FIXTURE_DATA(store) *self,
		    const FIXTURE_VARIANT(store) *variant);

FIXTURE_SETUP(store)
{
	(void)variant;
	snprintf(self->dir, sizeof(self->dir), "/tmp/test-profile-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
}

FIXTURE_TEARDOWN(store)
{
	char cmd[128];

	(void)variant;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->dir);
	EXPECT_EQ(0, system(cmd));
}

static int entries(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		n += de->d_name[0] != '.' || (strcmp(de->d_name, ".") &&
					      strcmp(de->d_name, ".."));
	closedir(d);
	return n;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

TEST_F(store, atomic_write_mode_and_round_trip)
{
	struct fs_profile a, b;
	char path[256], why[512];
	struct stat sb;
	mode_t old;

	fs_profile_init(&a, "S01");
	a.runs = a.runs_seen = 4;
	a.asym_c[FS_T_TOE].mean = 1.8;
	a.asym_c[FS_T_TOE].runs = 4;
	/* a permissive umask must not widen the mode */
	old = umask(0);
	ASSERT_EQ(0, profile_store_write(self->dir, &a));
	umask(old);
	ASSERT_EQ(0, profile_store_path(self->dir, "S01", path, sizeof(path)));
	ASSERT_EQ(0, stat(path, &sb));
	EXPECT_EQ(0640, sb.st_mode & 07777);
	EXPECT_EQ(1, entries(self->dir));	/* no temporary left */
	ASSERT_EQ(0, profile_store_read(path, &b, why, sizeof(why)))
		TH_LOG("%s", why);
	EXPECT_STREQ("S01", b.subject);
	EXPECT_EQ(4u, b.runs);
	EXPECT_LT(fabs(b.asym_c[FS_T_TOE].mean - 1.8), 1e-9);

	/* replaced whole: a reader holding the old file still reads it */
	{
		int fd = open(path, O_RDONLY);
		char c;

		ASSERT_LE(0, fd);
		a.runs = 5;
		ASSERT_EQ(0, profile_store_write(self->dir, &a));
		EXPECT_EQ(1, read(fd, &c, 1));
		close(fd);
	}
	ASSERT_EQ(0, profile_store_read(path, &b, why, sizeof(why)));
	EXPECT_EQ(5u, b.runs);
	EXPECT_EQ(1, entries(self->dir));
	ASSERT_EQ(0, stat(path, &sb));
	EXPECT_EQ(0640, sb.st_mode & 07777);
}

TEST_F(store, other_version_refused_and_kept)
{
	static const char v9[] =
		"{\"format\": \"footsock-profile\", \"version\": 9, \"subject\": \"S02\"}\n";
	struct fs_profile pr;
	struct fs_params p;
	struct profile_run *run;
	char path[256], why[4608], text[256];
	FILE *f;

	ASSERT_EQ(0, profile_store_path(self->dir, "S02", path, sizeof(path)));
	write_file(path, v9);
	EXPECT_EQ(-ENOTSUP, profile_store_read(path, &pr, why, sizeof(why)));
	EXPECT_MSG(strstr(why, "version 9 is not supported") && strstr(why, path),
		   "%s", why);

	/* footsockd at the end of a recording leaves it as it is */
	fs_params_default(&p);
	ASSERT_EQ(0, profile_run_new("S02", &p, &run));
	EXPECT_GT(0, profile_run_finish(run, self->dir, why, sizeof(why)));
	EXPECT_MSG(strstr(why, "version 9") != NULL, "%s", why);
	profile_run_free(run);
	f = fopen(path, "r");
	ASSERT_NE(NULL, f);
	text[fread(text, 1, sizeof(text) - 1, f)] = '\0';
	fclose(f);
	EXPECT_STREQ(v9, text);
}

/* A run without data does not count, but the profile records it was seen. */
TEST_F(store, run_without_data_seen_not_counted)
{
	struct fs_profile pr;
	struct fs_params p;
	struct profile_run *run;
	struct fs_frame fr;
	char path[256], why[4608];
	int i;

	fs_params_default(&p);
	ASSERT_EQ(0, profile_run_new("S03", &p, &run));
	for (i = 0; i < 100; i++) {
		fs_frame_clear(&fr);
		fr.t = i * 0.01;
		profile_run_feed(run, FS_LEFT, &fr);
	}
	EXPECT_EQ(0, profile_run_finish(run, self->dir, why, sizeof(why)));
	EXPECT_STREQ("too few steady strides", why);
	profile_run_free(run);
	ASSERT_EQ(0, profile_store_path(self->dir, "S03", path, sizeof(path)));
	ASSERT_EQ(0, profile_store_read(path, &pr, why, sizeof(why)))
		TH_LOG("%s", why);
	EXPECT_EQ(0u, pr.runs);
	EXPECT_EQ(1u, pr.runs_seen);
	EXPECT_EQ(-EINVAL, profile_run_new("../S03", &p, &run));
}

/*
 * A steady run of 300 s at 200 Hz (a half-sine load in stance: stride 0.7 s,
 * stance 0.25 s, the right half a stride later; the left toe 1.8 degC
 * warmer), through the run's own analysis, which takes every 4th frame:
 * the run counts, with the difference and about 428 strides a foot.
 */
TEST_F(store, steady_run_counts)
{
	struct fs_profile pr;
	struct fs_params p;
	struct profile_run *run;
	struct fs_frame fr;
	char path[256], why[4608];
	long i;
	int k, z;

	fs_params_default(&p);
	ASSERT_EQ(0, profile_run_new("S04", &p, &run));
	for (i = 0; i < 300 * 200; i++) {
		for (k = 0; k < 2; k++) {
			double t = i / 200.0, ph = fmod(t + 0.35 * k, 0.7);

			fs_frame_clear(&fr);
			fr.t = t;
			for (z = 0; z < FS_NPLANTAR; z++)
				fr.p[z] = ph < 0.25 ? (float)(100.0 * sin(M_PI * ph / 0.25)) : 0.0f;
			for (z = FS_NPLANTAR; z < FS_NZONES; z++)
				fr.p[z] = 0.5f;
			for (z = 0; z < FS_NTEMPS; z++)
				fr.temp[z] = 30.0f;
			if (k == 0)
				fr.temp[FS_T_TOE] += 1.8f;
			profile_run_feed(run, k ? FS_RIGHT : FS_LEFT, &fr);
		}
	}
	EXPECT_EQ(1, profile_run_finish(run, self->dir, why, sizeof(why)))
		TH_LOG("%s", why);
	profile_run_free(run);
	ASSERT_EQ(0, profile_store_path(self->dir, "S04", path, sizeof(path)));
	ASSERT_EQ(0, profile_store_read(path, &pr, why, sizeof(why)))
		TH_LOG("%s", why);
	EXPECT_EQ(1u, pr.runs);
	EXPECT_EQ(1u, pr.asym_c[FS_T_TOE].runs);
	EXPECT_LT(fabs(pr.asym_c[FS_T_TOE].mean - 1.8), 0.01);
	/* 120 / 0.7 s stride: both feet together */
	EXPECT_LT(fabs(pr.gait[0][FS_PG_CADENCE].mean - 120.0 / 0.7), 2.0)
		TH_LOG("cadence %.1f", pr.gait[0][FS_PG_CADENCE].mean);
}

TEST_F(store, list_and_remove)
{
	struct fs_profile pr;
	char path[256], **list;

	fs_profile_init(&pr, "b");
	ASSERT_EQ(0, profile_store_write(self->dir, &pr));
	fs_profile_init(&pr, "a");
	ASSERT_EQ(0, profile_store_write(self->dir, &pr));
	snprintf(path, sizeof(path), "%s/.c.json.tmp", self->dir);
	write_file(path, "{}");
	snprintf(path, sizeof(path), "%s/notes.txt", self->dir);
	write_file(path, "x");
	ASSERT_EQ(0, profile_store_list(self->dir, &list));
	ASSERT_NE(NULL, list[0]);
	EXPECT_STREQ("a", list[0]);
	ASSERT_NE(NULL, list[1]);
	EXPECT_STREQ("b", list[1]);
	EXPECT_EQ(NULL, list[2]);
	profile_store_list_free(list);

	EXPECT_EQ(0, profile_store_remove(self->dir, "a"));
	EXPECT_EQ(-ENOENT, profile_store_remove(self->dir, "a"));
	EXPECT_EQ(-EINVAL, profile_store_remove(self->dir, "../x"));

	snprintf(path, sizeof(path), "%s/none", self->dir);
	ASSERT_EQ(0, profile_store_list(path, &list));
	EXPECT_EQ(NULL, list[0]);
	profile_store_list_free(list);
}

TEST_HARNESS_MAIN
