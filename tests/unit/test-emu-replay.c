// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu's recordings: --csv output read back through the replay
 * reader gives the same raw counts; the reader's errors, missing values,
 * rate inference and resampling.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "check-msg.h"
#include "csv.h"
#include "replay.h"
#include "source.h"

FIXTURE(tmp)
{
	char path[64];
};

/* The harness defines these without prototypes. */
void tmp_setup(struct __test_metadata *_metadata, FIXTURE_DATA(tmp) *self,
	       const FIXTURE_VARIANT(tmp) *variant);
void tmp_teardown(struct __test_metadata *_metadata, FIXTURE_DATA(tmp) *self,
		  const FIXTURE_VARIANT(tmp) *variant);

FIXTURE_SETUP(tmp)
{
	int fd;

	strcpy(self->path, "/tmp/test-emu-replay.XXXXXX");
	fd = mkstemp(self->path);
	ASSERT_GE(fd, 0);
	close(fd);
}

FIXTURE_TEARDOWN(tmp)
{
	unlink(self->path);
}

static void write_file(struct __test_metadata *_metadata, const char *path,
		       const char *text)
{
	FILE *f = fopen(path, "w");

	ASSERT_NE(NULL, f);
	fputs(text, f);
	fclose(f);
}

static void model_source(struct emu_source *s, const struct emu_calib *c,
			 int scenario, int foot)
{
	struct model_params p = {
		.scenario = scenario, .foot = foot, .seed = 42, .onset_s = 2,
	};

	source_init_model(s, &p, c);
}

static void write_run(struct __test_metadata *_metadata, const char *path,
		      const struct emu_calib *c, unsigned int rate,
		      uint64_t frames)
{
	struct emu_source l, r, *src[2] = { &l, &r };
	int feet[2] = { FOOTSOCK_FOOT_LEFT, FOOTSOCK_FOOT_RIGHT };
	struct csv_meta meta = { .scenario = "tight_sock", .onset_s = 2,
				 .weight_kg = 70, .cadence_spm = 170, .seed = 42 };
	char err[256] = "";
	int ret;

	model_source(&l, c, EMU_SC_TIGHT_SOCK, FOOTSOCK_FOOT_LEFT);
	model_source(&r, c, EMU_SC_TIGHT_SOCK, FOOTSOCK_FOOT_RIGHT);
	ret = csv_write(path, src, feet, 2, rate, frames, &meta, err,
			sizeof(err));
	ASSERT_MSG(ret == 0, "%s", err);
	source_free(&l);
	source_free(&r);
}

/* --csv then replay: every raw count comes back, for both feet. */
TEST_F(tmp, csv_round_trip)
{
	struct emu_calib c;
	struct emu_source ref;
	struct emu_sample want, got;
	struct replay *rp;
	struct replay_row row;
	char err[256] = "";
	int foot, n, i, ret;

	emu_calib_init(&c);
	write_run(_metadata, self->path, &c, 200, 2000);
	for (foot = 0; foot < 2; foot++) {
		ret = replay_open(&rp, self->path, foot, err, sizeof(err));
		ASSERT_MSG(ret == 0, "%s", err);
		EXPECT_EQ(200, (int)replay_rate(rp));
		EXPECT_STREQ("tight_sock", replay_meta(rp, "scenario"));
		EXPECT_STREQ("42", replay_meta(rp, "seed"));
		EXPECT_STREQ("emu-tight_sock", replay_meta(rp, "subject"));
		model_source(&ref, &c, EMU_SC_TIGHT_SOCK, foot);
		for (n = 0; replay_next_row(rp, &row) == 1; n++) {
			ASSERT_EQ(1, source_next(&ref, (uint32_t)n, 1.0 / 200, &want));
			ASSERT_EQ(foot, row.foot);
			ASSERT_EQ(0, row.missing);
			EXPECT_EQ(n * 5, (int)(row.time_s * 1000 + 0.5));
			for (i = 0; i < EMU_NP; i++)
				got.pressure[i] = emu_calib_pressure_counts(
					&c, i, row.pressure_kpa[i]);
			for (i = 0; i < EMU_NT; i++)
				got.temp[i] = emu_calib_temp_counts(&c, i,
								    row.temp_c[i]);
			ASSERT_MSG(!memcmp(want.pressure, got.pressure,
					   sizeof(got.pressure)),
				   "foot %d row %d pressures differ", foot, n);
			ASSERT_MSG(!memcmp(want.temp, got.temp, sizeof(got.temp)),
				   "foot %d row %d temperatures differ", foot, n);
		}
		EXPECT_EQ(2000, n);
		source_free(&ref);
		replay_close(rp);
	}
}

/* A replay source streams the same counts as the model it recorded. */
TEST_F(tmp, replay_source_matches_model)
{
	struct emu_calib c;
	struct emu_source ref, rs;
	struct emu_sample want, got;
	struct replay *rp;
	char err[256];
	int n;

	emu_calib_init(&c);
	write_run(_metadata, self->path, &c, 1000, 3000);
	ASSERT_EQ(0, replay_open(&rp, self->path, FOOTSOCK_FOOT_RIGHT, err,
				 sizeof(err)));
	source_init_replay(&rs, rp, &c);
	model_source(&ref, &c, EMU_SC_TIGHT_SOCK, FOOTSOCK_FOOT_RIGHT);
	for (n = 0; n < 3000; n++) {
		ASSERT_EQ(1, source_next(&ref, (uint32_t)n, 0.001, &want));
		ASSERT_EQ(1, source_next(&rs, (uint32_t)n, 0.001, &got));
		ASSERT_EQ(0, memcmp(want.pressure, got.pressure, sizeof(got.pressure)));
		ASSERT_EQ(0, memcmp(want.temp, got.temp, sizeof(got.temp)));
	}
	/* the end of the recording ends the source */
	EXPECT_EQ(0, source_next(&rs, 3000, 0.001, &got));
	source_free(&ref);
	source_free(&rs);
}

/* At twice the recording's rate every row is held for two frames. */
TEST_F(tmp, resampling_holds_rows)
{
	struct emu_calib c;
	struct replay *rp;
	struct replay_row row;
	char err[256];
	int k;

	emu_calib_init(&c);
	write_run(_metadata, self->path, &c, 100, 50);
	ASSERT_EQ(0, replay_open(&rp, self->path, FOOTSOCK_FOOT_LEFT, err,
				 sizeof(err)));
	for (k = 0; k < 100; k++) {
		ASSERT_EQ(1, replay_at(rp, k / 200.0, &row));
		EXPECT_MSG(k / 2 * 10 == (int)(row.time_s * 1000 + 0.5),
			   "frame %d got the row at %.3f", k, row.time_s);
	}
	EXPECT_EQ(0, replay_at(rp, 100 / 200.0, &row));
	replay_close(rp);
}

#define HEADER "time_s,foot,p_hallux,p_toes,p_met1,p_met2,p_met3_4,p_met5," \
	"p_arch,p_midfoot_lat,p_heel_med,p_heel_lat,p_dorsum,p_toebox_top," \
	"p_toebox_med,p_toebox_lat,p_tarsal_tunnel,p_cuff,t_toe,t_forefoot," \
	"t_dorsum,t_heel,t_ankle,t_shoe\n"

TEST_F(tmp, missing_values_and_inferred_rate)
{
	struct replay *rp;
	struct replay_row row;
	char err[256] = "";
	int ret;

	write_file(_metadata, self->path,
		   "# footsock recording v1\r\n# subject=S01\r\n" HEADER
		   "0.000,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25\n"
		   "0.000,right,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25\n"
		   "0.010,left,,2.5,3,4,5,6,7,8,9,10,11,12,13,14,15,,30.25,31,32,33,34,\n"
		   "0.020,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,-1.5,31,32,33,34,25\n");
	ret = replay_open(&rp, self->path, FOOTSOCK_FOOT_LEFT, err, sizeof(err));
	ASSERT_MSG(ret == 0, "%s", err);
	EXPECT_EQ(100, (int)replay_rate(rp));
	EXPECT_STREQ("S01", replay_meta(rp, "subject"));
	EXPECT_EQ(NULL, replay_meta(rp, "rate_hz"));
	ASSERT_EQ(1, replay_next_row(rp, &row));
	EXPECT_EQ(0, row.missing);
	EXPECT_EQ(16, (int)row.pressure_kpa[15]);
	ASSERT_EQ(1, replay_next_row(rp, &row));
	EXPECT_EQ(FOOTSOCK_FAULT_PRESSURE(0) | FOOTSOCK_FAULT_PRESSURE(15) |
		  FOOTSOCK_FAULT_TEMP(5), row.missing);
	EXPECT_TRUE(row.pressure_kpa[1] == 2.5);
	EXPECT_TRUE(row.temp_c[0] == 30.25);
	ASSERT_EQ(1, replay_next_row(rp, &row));
	EXPECT_TRUE(row.temp_c[0] == -1.5);
	EXPECT_EQ(0, replay_next_row(rp, &row));
	replay_close(rp);
}

static void open_fails(struct __test_metadata *_metadata, const char *path,
		       const char *text, int foot, const char *needle)
{
	struct replay *rp = (struct replay *)1;
	char err[256] = "";

	if (text)
		write_file(_metadata, path, text);
	EXPECT_GT(0, replay_open(&rp, path, foot, err, sizeof(err)));
	EXPECT_EQ(NULL, rp);
	EXPECT_MSG(strstr(err, needle) != NULL, "message '%s' lacks '%s'",
		   err, needle);
}

TEST_F(tmp, bad_files)
{
	struct replay *rp;
	struct replay_row row;
	char err[256] = "";

	open_fails(_metadata, self->path, "", 0, "no header row");
	open_fails(_metadata, self->path, "time_s,foot,p_hallux\n", 0,
		   "not a footsock recording v1 header");
	open_fails(_metadata, self->path, "# rate_hz=200\n" HEADER
		   "0.000,right,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25\n",
		   FOOTSOCK_FOOT_LEFT, "no rows for the left foot");
	open_fails(_metadata, self->path, "# rate_hz=fast\n" HEADER
		   "0.000,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25\n",
		   FOOTSOCK_FOOT_LEFT, "bad rate_hz");
	open_fails(_metadata, self->path, HEADER
		   "0.000,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25\n",
		   FOOTSOCK_FOOT_LEFT, "infer the rate");
	open_fails(_metadata, self->path, "# rate_hz=100\n" HEADER
		   "0.000,left,1,2,3,x4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25\n",
		   FOOTSOCK_FOOT_LEFT, ":3: column 6 (p_met2) is not a number");
	open_fails(_metadata, self->path, "# rate_hz=100\n" HEADER
		   "0.000,middle,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25\n",
		   FOOTSOCK_FOOT_LEFT, "neither left nor right");
	open_fails(_metadata, "/nonexistent/rec.csv", NULL, 0, "cannot open");

	/* an error after the first rows comes from replay_next_row */
	write_file(_metadata, self->path, "# rate_hz=100\n" HEADER
		   "0.000,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25\n"
		   "0.010,left,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,30,31,32,33,34,25\n"
		   "0.020,left,1,2,3\n");
	ASSERT_EQ(0, replay_open(&rp, self->path, FOOTSOCK_FOOT_LEFT, err,
				 sizeof(err)));
	EXPECT_EQ(1, replay_next_row(rp, &row));
	EXPECT_EQ(1, replay_next_row(rp, &row));
	EXPECT_EQ(-EINVAL, replay_next_row(rp, &row));
	EXPECT_MSG(strstr(replay_error(rp), ":5: 5 fields, expected 24") != NULL,
		   "%s", replay_error(rp));
	replay_close(rp);
}

TEST(row_formatting)
{
	struct emu_calib c;
	struct emu_sample s;
	char buf[EMU_CSV_ROW_MAX];
	size_t len;
	int i;

	emu_calib_init(&c);
	memset(&s, 0, sizeof(s));
	s.pressure[0] = 2000;	/* 2000 * 92 / 2000 = 92.00 kPa */
	s.temp[0] = 3150;
	s.temp[1] = -5;
	s.faults = FOOTSOCK_FAULT_PRESSURE(1) | FOOTSOCK_FAULT_TEMP(5);
	len = csv_format_row(buf, 1234, 1000, FOOTSOCK_FOOT_RIGHT, &c, &s);
	buf[len] = '\0';
	EXPECT_STREQ("1.234,right,92.00,,0.00,0.00,0.00,0.00,0.00,0.00,0.00,"
		     "0.00,0.00,0.00,0.00,0.00,0.00,0.00,31.50,-0.05,0.00,0.00,"
		     "0.00,\n", buf);
	len = csv_format_row(buf, 1, 300, FOOTSOCK_FOOT_LEFT, &c, &s);
	buf[len] = '\0';
	EXPECT_MSG(!strncmp(buf, "0.003333,left,", 14), "%s", buf);
	for (i = 0; i < 3; i++) {
		len = csv_format_row(buf, 3600ull * 200 + (uint64_t)i, 200,
				     FOOTSOCK_FOOT_LEFT, &c, &s);
		buf[len] = '\0';
		EXPECT_MSG(!strncmp(buf, i == 0 ? "3600.000," : i == 1 ?
				    "3600.005," : "3600.010,", 9), "%s", buf);
	}
}

TEST_HARNESS_MAIN
