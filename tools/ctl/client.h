/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockctl's view of footsockd: one call reads the daemon's and every
 * sock's properties into plain structs, so the commands and the watch
 * renderer never touch sd-bus themselves. Errors come back as negative
 * errno values plus a message a person can act on.
 */
#ifndef FOOTSOCKCTL_CLIENT_H
#define FOOTSOCKCTL_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <systemd/sd-bus.h>

#include "analysis.h"

#define CTL_MSG_MAX 256

struct ctl_cause {
	char name[24];			/* fs_cause_names[] */
	double score;			/* 0..1 */
};

struct ctl_sock {
	char path[160];			/* D-Bus object path */
	char foot[8];			/* "left" or "right" */
	char serial[32];
	char firmware[16];		/* "" when the daemon does not say */
	char iio_device[32];		/* "iio:device0", "" when replayed */
	bool connected;
	unsigned int rate_hz;
	char level[8], level_max[8];	/* fs_level_names[] */
	int numbness_risk, numbness_risk_max;		/* 0..100, -1 unknown */
	int circulation_restriction, circulation_restriction_max;
	char numbness_trend[8];		/* rising|steady|falling, "" unknown */
	char circulation_trend[8];
	struct ctl_cause causes[FS_NCAUSES];	/* highest score first */
	size_t n_causes;
	/* left against right of the causes now (CauseContrast), any order */
	struct ctl_contrast {
		char cause[24];		/* fs_cause_names[] */
		char contrast[16];	/* left_only|right_only|both_feet|unavailable */
		char text[160];		/* "left only; right dorsum 1.2 kPa" */
		double other;		/* the other foot's figure, NAN none */
	} contrast[FS_NCAUSES];
	size_t n_contrast;
	char activity[16];		/* fs_activity_names[] */
	char baseline[48];		/* what it is judged against; "" unknown */
	double cadence_spm, stance_s, swing_s;	/* NAN when unknown (the
						 * daemon's NaN, or absent) */
	double pressure_kpa[FS_NZONES];		/* zone order, NAN missing */
	double temperature_c[FS_NTEMPS];	/* site order, NAN missing */
	uint64_t frames, gaps;
	/* sensors the daemon does not believe now (SensorFaults) */
	struct ctl_sensor_fault {
		bool temperature;	/* a temperature site, else a zone */
		char name[16];		/* fs_zone_names[] / fs_temp_names[] */
		char fault[12];		/* stuck|saturated|dead|absurd */
	} sensor_faults[FS_NZONES + FS_NTEMPS];
	size_t n_sensor_faults;
	/* the newest relief or escalation (LastRelief); kind "" none */
	struct ctl_relief {
		char kind[16];		/* relieved|not_relieved */
		char cause[16];
		double before_kpa, after_kpa, rewarm_c, minutes;
	} relief;
};

struct ctl_daemon {
	char version[32];
	double uptime_s;
	char status[160];		/* the daemon's one-line STATUS= */
	char recording[256];		/* open recording's path, "" none */
	double temperature_asymmetry_c[FS_NTEMPS];	/* left - right, NAN */
	double stance_asymmetry_s;			/* NAN when unknown */
	struct ctl_sock *socks;		/* left before right, then serial */
	size_t n_socks;
};

struct ctl_event {
	uint64_t realtime_usec;		/* CLOCK_REALTIME */
	char kind[16];			/* level|cause|red_flag|attached|detached */
	char foot[8];
	char serial[32];
	char level[8];
	char cause[24];			/* "" when none */
};

struct ctl_recording {
	char id[96];			/* file name without ".csv" */
	char subject[64];
	char started[32];		/* ISO 8601 UTC from the metadata */
	uint64_t size_bytes;
	bool active;			/* being written now */
};

/*
 * Connect to footsockd on the system bus, or on `address` when not NULL
 * (DBUS_SYSTEM_BUS_ADDRESS is honoured by sd-bus too). Fails with
 * -EHOSTDOWN and "footsockd is not running (systemctl start footsockd)"
 * when the name has no owner or the bus cannot be reached (then with the
 * reason in parentheses).
 */
int ctl_connect(const char *address, sd_bus **out, char msg[CTL_MSG_MAX]);

/* Read everything; ctl_daemon_clear() frees it (also after a failure). */
int ctl_snapshot(sd_bus *bus, struct ctl_daemon *d, char msg[CTL_MSG_MAX]);

/* ctl_connect() then ctl_snapshot(); *bus is NULL after a failure. */
int ctl_load(const char *address, sd_bus **bus, struct ctl_daemon *d,
	     char msg[CTL_MSG_MAX]);
void ctl_daemon_clear(struct ctl_daemon *d);

/* The sock of a foot ("left"/"right"), NULL when none. */
const struct ctl_sock *ctl_find_foot(const struct ctl_daemon *d,
				     const char *foot);

/* Events at or after since_usec (0: all the daemon keeps); free(*out). */
int ctl_events(sd_bus *bus, uint64_t since_usec, struct ctl_event **out,
	       size_t *n, char msg[CTL_MSG_MAX]);

/* Sock methods: Tare() and SetSamplingFrequency(hz). */
int ctl_tare(sd_bus *bus, const struct ctl_sock *s, char msg[CTL_MSG_MAX]);
int ctl_set_rate(sd_bus *bus, const struct ctl_sock *s, unsigned int hz,
		 char msg[CTL_MSG_MAX]);

/*
 * Recordings. note may be NULL (StartRecording) or a text kept in the
 * metadata (StartRecordingWithNote). path receives the file's path.
 */
int ctl_start_recording(sd_bus *bus, const char *subject, const char *note,
			char *path, size_t size, char msg[CTL_MSG_MAX]);
int ctl_stop_recording(sd_bus *bus, char *path, size_t size,
		       char msg[CTL_MSG_MAX]);
/* Every recording, sorted by id; free(*out). */
int ctl_list_recordings(sd_bus *bus, struct ctl_recording **out, size_t *n,
			char msg[CTL_MSG_MAX]);
/* A read-only fd of recording `id` (the caller closes it), or -errno. */
int ctl_open_recording(sd_bus *bus, const char *id, char msg[CTL_MSG_MAX]);
/* OpenStream(foot, {format}): the stream's fd (the caller closes it), or
 * -errno. */
int ctl_open_stream(sd_bus *bus, const char *foot, const char *format,
		    char msg[CTL_MSG_MAX]);

/*
 * Turn a failed call into a sentence a person can act on: permission
 * denied -> "permission denied: sock data is readable by root and group
 * footsock; add the user to the group" (ctl_snapshot() adds the public
 * Version and Status: " (footsockd VERSION is running: STATUS)"), no owner ->
 * "footsockd is not running (systemctl start footsockd)", else the
 * daemon's own message.
 */
void ctl_error(int r, const sd_bus_error *e, char msg[CTL_MSG_MAX]);

#endif
