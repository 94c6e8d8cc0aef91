// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd's configuration parser (daemon/config.c): defaults, sections
 * and flat keys, analysis parameters by name, and errors that name the
 * file, the line and the key.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "config.h"

TEST(defaults)
{
	struct fs_config c;
	struct fs_params p;

	fs_config_default(&c);
	fs_params_default(&p);
	EXPECT_EQ(0, c.sampling_frequency);
	EXPECT_EQ(1024, c.buffer_length);
	EXPECT_EQ(100, c.latency_ms);
	EXPECT_EQ(1000, c.sync_interval_ms);
	EXPECT_EQ(500, c.properties_interval_ms);
	EXPECT_STREQ("/var/lib/footsock/recordings", c.recordings_dir);
	EXPECT_STREQ("", c.textfile);
	EXPECT_EQ(600, c.forget_after_s);
	EXPECT_EQ(0, memcmp(&p, &c.params, sizeof(p)));
}

TEST(sections_flat_keys_and_params)
{
	static const char text[] =
		"# comment\n"
		"; another\n"
		"\n"
		"latency_ms = 250\n"
		"level_stop=90\n"
		"[iio]\n"
		"  sampling_frequency = 400  \n"
		"buffer_length=4096\n"
		"[recording]\n"
		"directory = /tmp/rec\n"
		"[daemon]\n"
		"textfile = /var/lib/node_exporter/footsock.prom\n"
		"forget_after_s = 0\n"
		"[analysis]\n"
		"dose_threshold_kpa = 4.5\n";
	struct fs_config c;
	char err[256] = "";

	fs_config_default(&c);
	ASSERT_EQ(0, fs_config_parse(&c, "t.conf", text, err, sizeof(err)));
	EXPECT_STREQ("", err);
	EXPECT_EQ(250, c.latency_ms);
	EXPECT_EQ(400, c.sampling_frequency);
	EXPECT_EQ(4096, c.buffer_length);
	EXPECT_STREQ("/tmp/rec", c.recordings_dir);
	EXPECT_STREQ("/var/lib/node_exporter/footsock.prom", c.textfile);
	EXPECT_EQ(0, c.forget_after_s);
	EXPECT_EQ(90.0, c.params.level_stop);
	EXPECT_EQ(4.5, c.params.dose_threshold_kpa);
}

struct bad {
	const char *text, *want;
};

static const struct bad bad_lines[] = {
	{ "frobnicate = 1\n", "t.conf:1: frobnicate: unknown key" },
	{ "\n\nlatency_ms = soon\n", "t.conf:3: latency_ms: not a non-negative integer" },
	{ "[iio]\nbuffer_length = 1\n", "t.conf:2: buffer_length: out of range" },
	{ "[iio]\nsampling_frequency = 20\n", "t.conf:2: sampling_frequency: out of range" },
	{ "[iio]\nsampling_frequency = -5\n", "t.conf:2: sampling_frequency: not a non-negative integer" },
	{ "[shoes]\n", "t.conf:1: shoes: unknown section" },
	{ "[iio\n", "t.conf:1: [iio: malformed section header" },
	{ "[iio]\ndirectory = /x\n", "t.conf:2: directory: not a key of this section" },
	{ "[recording]\ndirectory = relative/path\n", "t.conf:2: directory: not an absolute path" },
	{ "# ok\nlatency_ms\n", "t.conf:2: latency_ms: expected KEY = VALUE" },
	{ "[analysis]\nlevel_stop = -1\n", "t.conf:2: level_stop: invalid value (must be finite and >= 0)" },
	{ "[analysis]\nlevel_stop = lots\n", "t.conf:2: level_stop: not a number" },
	{ "[analysis]\nno_such_param = 1\n", "t.conf:2: no_such_param: unknown key" },
	{ " = 3\n", "t.conf:1: : empty key" },
	{ "latency_ms = 10\nlatency_ms = 99999\n", "t.conf:2: latency_ms: out of range" },
	{ "[daemon]\nforget_after_s = 86401\n", "t.conf:2: forget_after_s: out of range" },
	{ "[analysis]\ntrend_sample_s = 0\n", "t.conf: trend_sample_s must be > 0" },
	{ "trend_window_s = 1\n", "t.conf: trend_window_s must be 1 to 720 trend_sample_s" },
};

TEST(errors_name_line_and_key)
{
	unsigned int i;

	for (i = 0; i < sizeof(bad_lines) / sizeof(bad_lines[0]); i++) {
		struct fs_config c;
		char err[256] = "";

		fs_config_default(&c);
		EXPECT_EQ(-EINVAL, fs_config_parse(&c, "t.conf", bad_lines[i].text,
						   err, sizeof(err)));
		EXPECT_STREQ(bad_lines[i].want, err)
			TH_LOG("case %u", i);
	}
}

/*
 * A key of an earlier release in an edited footsockd.conf (a conffile
 * kept over an upgrade): accepted, its value not applied, and a notice
 * naming the line, instead of a daemon that does not start.
 */
TEST(retired_keys_ignored_with_a_notice)
{
	static const char text[] =
		"latency_ms = 200\n"
		"loading_rate_low = 25000\n"
		"[analysis]\n"
		"loading_rate_high = 35000\n"
		"level_stop = 90\n";
	struct fs_config c, def;
	char err[256] = "";

	fs_config_default(&def);
	fs_config_default(&c);
	ASSERT_EQ(0, fs_config_parse(&c, "t.conf", text, err, sizeof(err)));
	EXPECT_STREQ("", err);
	EXPECT_EQ(200, c.latency_ms);
	EXPECT_EQ(90.0, c.params.level_stop);
	/* the replacement measures something else: nothing carried over */
	EXPECT_EQ(def.params.impact_index_low, c.params.impact_index_low);
	EXPECT_EQ(def.params.impact_index_high, c.params.impact_index_high);
	EXPECT_STREQ("t.conf:2: loading_rate_low: ignored: retired in 0.1.0; overstriding is judged by impact_index_low/high now (footsockd.conf(5))\n"
		     "t.conf:4: loading_rate_high: ignored: retired in 0.1.0; overstriding is judged by impact_index_low/high now (footsockd.conf(5))\n",
		     c.notices);

	/* only where it was: an analysis parameter */
	fs_config_default(&c);
	EXPECT_EQ(-EINVAL, fs_config_parse(&c, "t.conf", "[daemon]\nloading_rate_low = 1\n",
					   err, sizeof(err)));
	EXPECT_STREQ("t.conf:2: loading_rate_low: unknown key", err);
}

TEST(load_missing_file)
{
	struct fs_config c;
	char err[256] = "";

	fs_config_default(&c);
	EXPECT_EQ(0, fs_config_load(&c, "/nonexistent/footsockd.conf", true,
				    err, sizeof(err)));
	EXPECT_EQ(-ENOENT, fs_config_load(&c, "/nonexistent/footsockd.conf",
					  false, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "/nonexistent/footsockd.conf"));
}

TEST(load_file_error_names_path)
{
	char path[] = "/tmp/footsockd-conf-XXXXXX";
	struct fs_config c;
	char err[512] = "", want[512];
	FILE *f;
	int fd;

	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	f = fdopen(fd, "w");
	ASSERT_NE(NULL, f);
	fputs("[iio]\nlatency_ms = 5\n\n[daemon]\nratelimit_burst = 0\n", f);
	fclose(f);
	fs_config_default(&c);
	EXPECT_EQ(-EINVAL, fs_config_load(&c, path, false, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s:5: ratelimit_burst: out of range", path);
	EXPECT_STREQ(want, err);
	unlink(path);
}

/*
 * The shipped file documents every default: as shipped (all commented
 * out) and with every "#key = value" line uncommented it gives the
 * defaults, and it names every analysis parameter.
 */
TEST(shipped_config_is_the_defaults)
{
	struct fs_config c, d;
	char err[512] = "", line[1024];
	char *text = NULL;
	size_t len = 0;
	unsigned int i, found = 0;
	FILE *f, *m;

	if (access("daemon/footsockd.conf", R_OK))
		SKIP(return, "run from the top of the tree");
	fs_config_default(&c);
	fs_config_default(&d);
	ASSERT_EQ(0, fs_config_load(&c, "daemon/footsockd.conf", false, err,
				    sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_EQ(0, memcmp(&c, &d, sizeof(c)));

	f = fopen("daemon/footsockd.conf", "r");
	ASSERT_NE(NULL, f);
	m = open_memstream(&text, &len);
	ASSERT_NE(NULL, m);
	while (fgets(line, sizeof(line), f)) {
		bool setting = line[0] == '#' && line[1] != ' ' && line[1] != '\n' &&
			       strstr(line, " =");

		fputs(setting ? line + 1 : line, m);
		if (setting)
			for (i = 0; i < fs_param_count; i++)
				if (!strncmp(line + 1, fs_param_table[i].name,
					     strlen(fs_param_table[i].name)) &&
				    line[1 + strlen(fs_param_table[i].name)] == ' ')
					found++;
	}
	fclose(f);
	fclose(m);
	fs_config_default(&c);
	EXPECT_EQ(0, fs_config_parse(&c, "uncommented", text, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_EQ(0, memcmp(&c, &d, sizeof(c)));
	EXPECT_EQ(fs_param_count, found);
	free(text);
}

/* Every MESSAGE_ID footsockd logs has a catalog entry. */
TEST(catalog_covers_message_ids)
{
	char line[512], ids[16][33], entry[40];
	unsigned int n = 0, i;
	FILE *f;

	f = fopen("daemon/journal.c", "r");
	if (!f)
		SKIP(return, "run from the top of the tree");
	while (fgets(line, sizeof(line), f) && n < 16) {
		char *p = strstr(line, "MESSAGE_ID=");

		if (p && sscanf(p, "MESSAGE_ID=%32[0-9a-f]", ids[n]) == 1 &&
		    strlen(ids[n]) == 32)
			n++;
	}
	fclose(f);
	EXPECT_EQ(10, n);
	f = fopen("daemon/footsockd.catalog", "r");
	ASSERT_NE(NULL, f);
	for (i = 0; i < n; i++) {
		bool found = false;

		snprintf(entry, sizeof(entry), "-- %.32s\n", ids[i]);
		rewind(f);
		while (fgets(line, sizeof(line), f))
			found |= !strcmp(line, entry);
		EXPECT_TRUE(found)
			TH_LOG("no catalog entry for %s", ids[i]);
	}
	fclose(f);
}

TEST_HARNESS_MAIN
