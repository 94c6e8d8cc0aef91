/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd.conf: "key = value" lines, optionally grouped in [daemon],
 * [iio], [recording] and [analysis] sections ('#' or ';' start a comment).
 * Keys of [analysis] are the analysis parameters of struct fs_params by
 * name (daemon/lib/params.c); a flat key is looked up in every section.
 */
#ifndef FOOTSOCKD_CONFIG_H
#define FOOTSOCKD_CONFIG_H

#include <limits.h>
#include <stdbool.h>

#include "analysis.h"

#define FS_CONFIG_DEFAULT "/etc/footsock/footsockd.conf"

struct fs_config {
	/* [iio] */
	unsigned int sampling_frequency;	/* Hz; 0: keep the device's */
	unsigned int buffer_length;		/* scans in the kernel buffer */
	unsigned int latency_ms;		/* watermark = rate x latency */
	/* [recording] */
	char recordings_dir[PATH_MAX];
	char profiles_dir[PATH_MAX];	/* the subjects' own normal */
	unsigned int sync_interval_ms;		/* write + fdatasync period */
	/* [daemon] */
	unsigned int properties_interval_ms;	/* PropertiesChanged period */
	unsigned int ratelimit_interval_s;	/* journal rate limit window */
	unsigned int ratelimit_burst;
	char textfile[PATH_MAX];		/* Prometheus textfile, "" off */
	unsigned int forget_after_s;		/* unplugged: analysis kept */
	unsigned int stream_max_readers;	/* OpenStream readers at once */
	unsigned int stream_timeout_ms;		/* a stuck reader is closed */
	unsigned int stream_buffer_kb;		/* each reader's SO_SNDBUF */
	/* [analysis] */
	struct fs_params params;
	/*
	 * Keys of earlier releases that were accepted and ignored, one
	 * "NAME:LINE: KEY: ignored: reason" a line, for the log ("" none).
	 */
	char notices[512];
};

void fs_config_default(struct fs_config *c);

/*
 * Parse a whole configuration text. name is used in error messages, which
 * read "NAME:LINE: KEY: reason" and are stored in err. -EINVAL on a bad
 * line (err set).
 */
int fs_config_parse(struct fs_config *c, const char *name, const char *text,
		    char *err, size_t errlen);

/*
 * Load a file. A missing file is not an error when missing_ok (the
 * defaults stay); any other failure is, with err set.
 */
int fs_config_load(struct fs_config *c, const char *path, bool missing_ok,
		   char *err, size_t errlen);

#endif
