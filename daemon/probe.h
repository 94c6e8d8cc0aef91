/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsockd's probe point: after footsockd has read a batch of scans from
 * a sock's IIO buffer and fed each to the analysis, it calls
 * footsockd_probe_scans_analyzed() with where the scans are. The function
 * does nothing; `footsock-trace --daemon` puts a uprobe on it and reads
 * the batch (each scan's IIO timestamp, CLOCK_MONOTONIC as footsockd sets
 * it) to time every frame from its device timestamp and from its push
 * into the IIO buffer to the moment footsockd's state holds it.
 *
 * A plain function rather than a USDT note: nothing to install
 * (<sys/sdt.h> is not a footsock dependency), and libbpf attaches to it by
 * name. It is exported in .dynsym (daemon.mk) so that a stripped
 * footsockd keeps it. The record is shared with footsock-trace's BPF
 * side, which reads it from footsockd's memory: fixed-size fields only,
 * and a version to change it by.
 */
#ifndef FOOTSOCKD_PROBE_H
#define FOOTSOCKD_PROBE_H

#include <linux/types.h>

#define FOOTSOCKD_PROBE_VERSION	1
#define FOOTSOCKD_PROBE_SYMBOL	"footsockd_probe_scans_analyzed"

struct footsockd_probe_batch {
	__u32 version;		/* FOOTSOCKD_PROBE_VERSION */
	__u32 foot;		/* 0 left, 1 right (enum fs_foot_side) */
	__u64 serial;		/* const char *, NUL-terminated */
	__u64 scans;		/* const uint8_t *: n scans, back to back */
	__u32 scan_size;	/* bytes a scan */
	__u32 ts_offset;	/* the s64 timestamp's offset in a scan */
	__u32 n;		/* scans in this batch */
	__u32 pad;
};

void footsockd_probe_scans_analyzed(const struct footsockd_probe_batch *b);

#endif
