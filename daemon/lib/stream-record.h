/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The records of a live stream (OpenStream, docs/stream.md): one frame as
 * footsockd decoded it, in binary (fixed size, little-endian), as a
 * recording v1 row (csv) or as one JSON object a line (jsonl). Shared by
 * footsockd (daemon/stream.c), footsockctl and the tests.
 */
#ifndef FOOTSOCK_STREAM_RECORD_H
#define FOOTSOCK_STREAM_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"

#define FS_STREAM_VERSION 1
/*
 * Binary record, little-endian, 112 bytes:
 *   0 u16 version (1)     2 u8 foot (0 left, 1 right)   3 u8 flags
 *   4 u32 lost: records of this foot dropped just before this one
 *   8 u64 sequence: the sock's frame number in footsockd
 *  16 s64 device timestamp, ns
 *  24 f32 pressure[16], kPa     88 f32 temperature[6], degrees C
 * A missing value is a NaN.
 */
#define FS_STREAM_RECORD_SIZE 112
#define FS_STREAM_F_LOST 0x01	/* lost > 0 */
#define FS_STREAM_F_END 0x02	/* the foot's sock is gone: no more of it */
/* A packet (one recv) holds whole records, at most this many bytes. */
#define FS_STREAM_PACKET_MAX 65536

enum fs_stream_format { FS_STREAM_BINARY, FS_STREAM_CSV, FS_STREAM_JSONL,
			FS_STREAM_NFORMATS };
extern const char *const fs_stream_format_names[FS_STREAM_NFORMATS];
/* The format of that name, or -EINVAL. */
int fs_stream_format_from_name(const char *name);

struct fs_stream_rec {
	enum fs_foot_side foot;
	unsigned int flags;
	uint32_t lost;
	uint64_t seq;
	int64_t t_ns;
	double time_s;		/* csv, jsonl: seconds since the stream began */
	struct fs_frame fr;	/* unused in an end record */
};

/*
 * One record in fmt into buf[n]; a text record is whole lines (csv: a
 * comment line before the row when frames were lost; an end record is a
 * comment). The bytes written, or -ENOBUFS when n is too small.
 */
int fs_stream_encode(char *buf, size_t n, enum fs_stream_format fmt,
		     const struct fs_stream_rec *rec);
/* A binary record back; -EINVAL if not one of this version. */
int fs_stream_decode(const void *buf, size_t n, struct fs_stream_rec *rec);
/* The csv preamble: recording v1 metadata and header row. */
int fs_stream_csv_head(char *buf, size_t n, double rate_hz,
		       const char *started);

#endif
