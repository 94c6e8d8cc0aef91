// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Left against right (docs/analysis.md): each emulator cause on the left
 * foot with a healthy right is told "left only" with the right foot's
 * figure, and the top cause is the one the left foot alone gives; the
 * same cause on both feet is named on both and told "both feet"; one
 * sock gives "contrast unavailable". The healthy foot's figures are
 * checked against what a well-fitting shoe and a normal stride give (the
 * low ends of the score ramps, from the literature: params.c), the
 * planted foot's above them. And the line itself on a hand-made state.
 * Needs build/bin/footsock-emu and footsockctl (SKIP otherwise).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "analysis-util.h"
#include "contrast.h"

#define EMU "build/bin/footsock-emu"
#define CTL "build/bin/footsockctl"
#define DURATION_S 330
#define ONSET_S 30
#define SEED 11

FIXTURE(contrast) {
	char dir[64];
	struct fs_params p;
};

FIXTURE_VARIANT(contrast) {
	const char *scenario;
	enum fs_cause cause;
};

FIXTURE_VARIANT_ADD(contrast, tight_laces) { "tight_laces", FS_C_TIGHT_LACES };
FIXTURE_VARIANT_ADD(contrast, tight_toebox) { "tight_toebox", FS_C_TIGHT_TOEBOX };
FIXTURE_VARIANT_ADD(contrast, tight_sock) { "tight_sock", FS_C_TIGHT_SOCK };
FIXTURE_VARIANT_ADD(contrast, overstriding) { "overstriding", FS_C_OVERSTRIDING };
FIXTURE_VARIANT_ADD(contrast, overpronation) { "overpronation", FS_C_OVERPRONATION };
FIXTURE_VARIANT_ADD(contrast, neuroma_load) { "neuroma_load", FS_C_NEUROMA_LOAD };

void contrast_setup(struct __test_metadata *_metadata,
		    FIXTURE_DATA(contrast) *self,
		    const FIXTURE_VARIANT(contrast) *variant);
void contrast_teardown(struct __test_metadata *_metadata,
		       FIXTURE_DATA(contrast) *self,
		       const FIXTURE_VARIANT(contrast) *variant);

FIXTURE_SETUP(contrast)
{
	if (access(EMU, X_OK) || access(CTL, X_OK))
		SKIP(return, "%s or %s not built", EMU, CTL);
	strcpy(self->dir, "/tmp/fs-contrast-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	fs_params_default(&self->p);
}

FIXTURE_TEARDOWN(contrast)
{
	char cmd[128];

	if (self->dir[0] == '/') {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
		if (system(cmd))
			TH_LOG("could not remove %s", self->dir);
	}
}

/* A recording: feet "left" (one sock) or "both", right's scenario or NULL. */
static int emu(const char *dir, const char *name, const char *feet,
	       const char *scenario, const char *right, char *path, size_t n)
{
	char cmd[512];

	snprintf(path, n, "%s/%s.csv", dir, name);
	snprintf(cmd, sizeof(cmd),
		 EMU " --csv %s --foot %s --scenario %s%s%s --duration %d"
		 " --onset %d --seed %d",
		 path, feet, scenario, right ? " --scenario-right " : "",
		 right ? right : "", DURATION_S, ONSET_S, SEED);
	return system(cmd);
}

/* footsockctl analyze [--json] PATH into out; its exit status. */
static int ctl(const char *args, const char *path, char *out, size_t n)
{
	char cmd[256];
	size_t k;
	FILE *f;

	snprintf(cmd, sizeof(cmd), CTL " analyze %s %s", args, path);
	f = popen(cmd, "r");
	if (!f)
		return -1;
	k = fread(out, 1, n - 1, f);
	out[k] = '\0';
	return pclose(f);
}

/* The first cause of the left foot in analyze --json output, or "". */
static void first_left_cause(const char *out, char *name, size_t n)
{
	const char *s = strstr(out, "\"feet\":{\"left\":");
	const char *key = "\"causes\":[{\"cause\":\"";
	size_t k = 0;

	name[0] = '\0';
	if (!s || !(s = strstr(s, key)))
		return;
	for (s += strlen(key); *s && *s != '"' && k + 1 < n; s++)
		name[k++] = *s;
	name[k] = '\0';
}

/* The low end of the cause's score ramp: a healthy foot stays under it. */
static double healthy_below(const struct fs_params *p, enum fs_cause c)
{
	switch (c) {
	case FS_C_OVERSTRIDING:
		return p->impact_index_low;
	case FS_C_OVERPRONATION:
		return p->tarsal_low_kpa;
	case FS_C_NEUROMA_LOAD:
		return p->neuroma_ratio_low;
	default:
		return p->floor_low_kpa;
	}
}

/* Left planted, right healthy: "left only", the top cause unchanged. */
/*
 * Record (emu()), analyse and contrast the session: path names the file,
 * run holds the analysis (run_free() it), ct left against right (the
 * right NULL when only the left was recorded).
 */
static void record_and_contrast(struct __test_metadata *_metadata,
				FIXTURE_DATA(contrast) *self, const char *name,
				const char *feet, const char *scenario,
				const char *right, char *path, size_t n,
				struct run *run, struct fs_contrast *ct)
{
	ASSERT_EQ(0, emu(self->dir, name, feet, scenario, right, path, n));
	ASSERT_EQ(0, run_file(path, FS_FMT_AUTO, &self->p, run));
	fs_contrast_compute(&run->st[FS_LEFT],
			    run->foot[FS_RIGHT] ? &run->st[FS_RIGHT] : NULL,
			    &self->p, FS_CONTRAST_SESSION, ct);
}

TEST_F(contrast, left_only_top_cause_unchanged)
{
	enum fs_cause c = variant->cause;
	char both[128], one[128], out[65536], top2[32], top1[32], line[160];
	struct fs_contrast ct, solo_ct;
	struct run run, solo;
	int k;

	record_and_contrast(_metadata, self, "pair", "both", variant->scenario,
			    "normal", both, sizeof(both), &run, &ct);
	record_and_contrast(_metadata, self, "solo", "left", variant->scenario,
			    NULL, one, sizeof(one), &solo, &solo_ct);
	ASSERT_NE(NULL, run.foot[FS_RIGHT]);
	fs_contrast_describe(&ct, c, FS_LEFT, line, sizeof(line));
	TH_LOG("%s: left %.2f, right %.2f %s; %s", variant->scenario,
	       ct.figure[c][FS_LEFT], ct.figure[c][FS_RIGHT],
	       fs_cause_figure_labels[c], line);
	EXPECT_TRUE(ct.available);
	EXPECT_EQ((int)c, top_cause_max(&run.st[FS_LEFT]));
	EXPECT_EQ(top_cause_max(&solo.st[FS_LEFT]), top_cause_max(&run.st[FS_LEFT]));
	EXPECT_EQ(FS_CONTRAST_LEFT_ONLY, ct.kind[c]);
	/* the healthy right names nothing: no cause is "right only" or shared */
	for (k = 0; k < FS_NCAUSES; k++) {
		EXPECT_NE(FS_CONTRAST_RIGHT_ONLY, ct.kind[k]);
		EXPECT_NE(FS_CONTRAST_BOTH_FEET, ct.kind[k]);
	}
	EXPECT_LT(ct.figure[c][FS_RIGHT], healthy_below(&self->p, c));
	EXPECT_GT(ct.figure[c][FS_LEFT], healthy_below(&self->p, c));
	EXPECT_EQ(0, strncmp(line, "left only; right ", 17));
	EXPECT_NE(NULL, strstr(line, fs_cause_figure_labels[c]));

	/* footsockctl: the same first cause with and without the right foot */
	ASSERT_EQ(0, ctl("--json", both, out, sizeof(out)));
	first_left_cause(out, top2, sizeof(top2));
	EXPECT_NE(NULL, strstr(out, "\"contrast\":\"left_only\",\"contrast_text\":\"left only; right "));
	EXPECT_NE(NULL, strstr(out, "\"available\":true"));
	ASSERT_EQ(0, ctl("--json", one, out, sizeof(out)));
	first_left_cause(out, top1, sizeof(top1));
	EXPECT_STREQ(fs_cause_names[c], top2);
	EXPECT_STREQ(top1, top2);
	ASSERT_EQ(0, ctl("", both, out, sizeof(out)));
	snprintf(line, sizeof(line), "    %s: left only; right %s ",
		 fs_cause_names[c], fs_cause_figure_labels[c]);
	EXPECT_NE(NULL, strstr(out, line));
	run_free(&run);
	run_free(&solo);
}

/* The same cause on both feet: named on both, "both feet". */
TEST_F(contrast, both_feet)
{
	enum fs_cause c = variant->cause;
	char both[128], out[65536], line[160];
	struct fs_contrast ct;
	struct run run;

	record_and_contrast(_metadata, self, "pair", "both", variant->scenario,
			    NULL, both, sizeof(both), &run, &ct);
	fs_contrast_describe(&ct, c, FS_RIGHT, line, sizeof(line));
	TH_LOG("%s: left %.2f, right %.2f; right foot's line: %s",
	       variant->scenario, ct.figure[c][FS_LEFT], ct.figure[c][FS_RIGHT],
	       line);
	EXPECT_EQ((int)c, top_cause_max(&run.st[FS_LEFT]));
	EXPECT_EQ((int)c, top_cause_max(&run.st[FS_RIGHT]));
	EXPECT_EQ(FS_CONTRAST_BOTH_FEET, ct.kind[c]);
	EXPECT_GT(ct.figure[c][FS_LEFT], healthy_below(&self->p, c));
	EXPECT_GT(ct.figure[c][FS_RIGHT], healthy_below(&self->p, c));
	EXPECT_EQ(0, strncmp(line, "both feet; left ", 16));
	EXPECT_NE(NULL, strstr(line, fs_cause_shared[c]));

	ASSERT_EQ(0, ctl("--json", both, out, sizeof(out)));
	snprintf(line, sizeof(line),
		 "{\"cause\":\"%s\",\"contrast\":\"both_feet\"", fs_cause_names[c]);
	EXPECT_NE(NULL, strstr(out, line));
	run_free(&run);
}

/* One sock: the cause is named, its contrast unavailable. */
TEST_F(contrast, one_sock_unavailable)
{
	enum fs_cause c = variant->cause;
	char one[128], out[65536], line[160];
	struct fs_contrast ct;
	struct run run;

	record_and_contrast(_metadata, self, "solo", "left", variant->scenario,
			    NULL, one, sizeof(one), &run, &ct);
	ASSERT_EQ(NULL, run.foot[FS_RIGHT]);
	fs_contrast_describe(&ct, c, FS_LEFT, line, sizeof(line));
	EXPECT_FALSE(ct.available);
	EXPECT_EQ(FS_CONTRAST_UNAVAILABLE, ct.kind[c]);
	EXPECT_TRUE(isnan(ct.figure[c][FS_RIGHT]));
	EXPECT_TRUE(isnan(ct.stance_s));
	EXPECT_STREQ("contrast unavailable (one sock)", line);

	ASSERT_EQ(0, ctl("", one, out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "left-right contrast: unavailable"));
	snprintf(line, sizeof(line), "    %s: contrast unavailable",
		 fs_cause_names[c]);
	EXPECT_NE(NULL, strstr(out, line));
	ASSERT_EQ(0, ctl("--json", one, out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "\"available\":false"));
	run_free(&run);
}

/*
 * The lines on hand-made states: tight laces named now on the left
 * (dorsum swing floor 9.0 kPa), the right's floor 1.2 kPa; then on both.
 */
TEST(describe_by_hand)
{
	struct fs_state l, r;
	struct fs_params p;
	struct fs_contrast ct;
	char line[160];

	fs_params_default(&p);
	memset(&l, 0, sizeof(l));
	memset(&r, 0, sizeof(r));
	l.zone_seen[FS_Z_DORSUM] = r.zone_seen[FS_Z_DORSUM] = true;
	l.activity = r.activity = FS_ACT_RUNNING;
	l.floor_kpa[FS_Z_DORSUM] = 9.0;
	r.floor_kpa[FS_Z_DORSUM] = 1.2;
	l.cause_score[FS_C_TIGHT_LACES] = 1.0;
	l.session.stance_s = 0.25;
	r.session.stance_s = 0.23;
	fs_contrast_compute(&l, &r, &p, FS_CONTRAST_NOW, &ct);
	fs_contrast_describe(&ct, FS_C_TIGHT_LACES, FS_LEFT, line, sizeof(line));
	EXPECT_STREQ("left only; right dorsum 1.2 kPa", line);
	EXPECT_EQ(FS_CONTRAST_NONE, ct.kind[FS_C_TIGHT_SOCK]);
	EXPECT_LT(fabs(ct.floor_kpa[FS_Z_DORSUM] - 7.8), 1e-9);
	EXPECT_LT(fabs(ct.stance_s - 0.02), 1e-9);
	/* session scope: never qualified in the session, not named */
	fs_contrast_compute(&l, &r, &p, FS_CONTRAST_SESSION, &ct);
	EXPECT_EQ(FS_CONTRAST_NONE, ct.kind[FS_C_TIGHT_LACES]);

	r.cause_score[FS_C_TIGHT_LACES] = 0.6;
	r.floor_kpa[FS_Z_DORSUM] = 6.0;
	fs_contrast_compute(&l, &r, &p, FS_CONTRAST_NOW, &ct);
	fs_contrast_describe(&ct, FS_C_TIGHT_LACES, FS_LEFT, line, sizeof(line));
	EXPECT_STREQ("both feet; right dorsum 6.0 kPa: shared, e.g. both shoes laced tight",
		     line);
	fs_contrast_describe(&ct, FS_C_TIGHT_LACES, FS_RIGHT, line, sizeof(line));
	EXPECT_EQ(0, strncmp(line, "both feet; left dorsum 9.0 kPa", 30));
}

/*
 * footsock-emu --scenario-right: the right foot of a pair is the right
 * foot a one-foot run of that scenario gives (the feet's streams are
 * independent), the left the --scenario's; refused without --foot both.
 */
TEST(emu_scenario_right)
{
	char dir[] = "/tmp/fs-contrast-emu-XXXXXX", cmd[1024];

	if (access(EMU, X_OK))
		SKIP(return, "%s not built", EMU);
	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 EMU " --csv %1$s/pair.csv --foot both --scenario tight_laces"
		 " --scenario-right normal --duration 20 --seed 5 &&"
		 " " EMU " --csv %1$s/r.csv --foot right --scenario normal --duration 20 --seed 5 &&"
		 " " EMU " --csv %1$s/l.csv --foot left --scenario tight_laces --duration 20 --seed 5 &&"
		 " cd %1$s && grep -v '^#' pair.csv | grep ',right,' >pr &&"
		 " grep -v '^#' r.csv | grep ',right,' >rr &&"
		 " grep -v '^#' pair.csv | grep ',left,' >pl && grep -v '^#' l.csv | grep ',left,' >ll &&"
		 " test -s pr && cmp -s pr rr && cmp -s pl ll &&"
		 " grep -q '^# scenario_right=normal$' pair.csv", dir);
	EXPECT_EQ(0, system(cmd));
	snprintf(cmd, sizeof(cmd), EMU " --csv %s/x.csv --foot left --scenario tight_laces"
		 " --scenario-right normal 2>/dev/null", dir);
	EXPECT_NE(0, system(cmd));
	snprintf(cmd, sizeof(cmd), EMU " --csv %s/x.csv --foot both --scenario normal"
		 " --scenario-right walk 2>/dev/null", dir);
	EXPECT_NE(0, system(cmd));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	EXPECT_EQ(0, system(cmd));
}

TEST_HARNESS_MAIN
