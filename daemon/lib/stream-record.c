// SPDX-License-Identifier: GPL-2.0-or-later
/* The records of a live stream (stream-record.h, docs/stream.md). */
#include <endian.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "import.h"
#include "stream-record.h"

const char *const fs_stream_format_names[FS_STREAM_NFORMATS] = {
	"binary", "csv", "jsonl",
};

int fs_stream_format_from_name(const char *name)
{
	int i;

	for (i = 0; i < FS_STREAM_NFORMATS; i++)
		if (!strcmp(name, fs_stream_format_names[i]))
			return i;
	return -EINVAL;
}

static const char *foot_name(enum fs_foot_side foot)
{
	return foot == FS_LEFT ? "left" : "right";
}

static void put_f32(uint8_t *p, float v)
{
	uint32_t u;

	memcpy(&u, &v, 4);
	u = htole32(u);
	memcpy(p, &u, 4);
}

static float get_f32(const uint8_t *p)
{
	uint32_t u;
	float v;

	memcpy(&u, p, 4);
	u = le32toh(u);
	memcpy(&v, &u, 4);
	return v;
}

static int encode_binary(uint8_t *b, const struct fs_stream_rec *rec)
{
	uint16_t v = htole16(FS_STREAM_VERSION);
	uint32_t lost = htole32(rec->lost);
	uint64_t seq = htole64(rec->seq), ts = htole64((uint64_t)rec->t_ns);
	int i;

	memcpy(b, &v, 2);
	b[2] = rec->foot == FS_LEFT ? 0 : 1;
	b[3] = (uint8_t)rec->flags;
	memcpy(b + 4, &lost, 4);
	memcpy(b + 8, &seq, 8);
	memcpy(b + 16, &ts, 8);
	for (i = 0; i < FS_NZONES; i++)
		put_f32(b + 24 + 4 * i, rec->flags & FS_STREAM_F_END ? NAN : rec->fr.p[i]);
	for (i = 0; i < FS_NTEMPS; i++)
		put_f32(b + 88 + 4 * i, rec->flags & FS_STREAM_F_END ? NAN : rec->fr.temp[i]);
	return FS_STREAM_RECORD_SIZE;
}

int fs_stream_decode(const void *buf, size_t n, struct fs_stream_rec *rec)
{
	const uint8_t *b = buf;
	uint16_t v;
	uint32_t lost;
	uint64_t seq, ts;
	int i;

	if (n < FS_STREAM_RECORD_SIZE)
		return -EINVAL;
	memcpy(&v, b, 2);
	if (le16toh(v) != FS_STREAM_VERSION || b[2] > 1)
		return -EINVAL;
	memset(rec, 0, sizeof(*rec));
	rec->foot = b[2] ? FS_RIGHT : FS_LEFT;
	rec->flags = b[3];
	memcpy(&lost, b + 4, 4);
	memcpy(&seq, b + 8, 8);
	memcpy(&ts, b + 16, 8);
	rec->lost = le32toh(lost);
	rec->seq = le64toh(seq);
	rec->t_ns = (int64_t)le64toh(ts);
	rec->fr.t = (double)rec->t_ns * 1e-9;
	for (i = 0; i < FS_NZONES; i++)
		rec->fr.p[i] = get_f32(b + 24 + 4 * i);
	for (i = 0; i < FS_NTEMPS; i++)
		rec->fr.temp[i] = get_f32(b + 88 + 4 * i);
	return 0;
}

/* snprintf at buf + *off, keeping *off the would-be length. */
#define PUT(...) do {							\
	int _k = snprintf(buf + (off < n ? off : n), off < n ? n - off : 0, \
			  __VA_ARGS__);					\
	if (_k < 0)							\
		return -EINVAL;						\
	off += (size_t)_k;						\
} while (0)

static int encode_csv(char *buf, size_t n, const struct fs_stream_rec *rec)
{
	struct fs_frame f;
	size_t off = 0;
	int k;

	if (rec->flags & FS_STREAM_F_LOST)
		PUT("# lost foot=%s frames=%u\n", foot_name(rec->foot), rec->lost);
	if (rec->flags & FS_STREAM_F_END) {
		PUT("# end foot=%s\n", foot_name(rec->foot));
		return off < n ? (int)off : -ENOBUFS;
	}
	/* The recording's own row writer: the stream is a recording. */
	f = rec->fr;
	f.t = rec->time_s;
	k = fs_rec_format_row(buf + (off < n ? off : n), off < n ? n - off : 0,
			      rec->foot, &f);
	if (k < 0)
		return -EINVAL;
	off += (size_t)k;
	PUT("\n");
	return off < n ? (int)off : -ENOBUFS;
}

static int encode_jsonl(char *buf, size_t n, const struct fs_stream_rec *rec)
{
	size_t off = 0;
	int i;

	PUT("{\"foot\":\"%s\",\"seq\":%llu", foot_name(rec->foot),
	    (unsigned long long)rec->seq);
	if (rec->flags & FS_STREAM_F_LOST)
		PUT(",\"lost\":%u", rec->lost);
	if (rec->flags & FS_STREAM_F_END) {
		PUT(",\"end\":true}\n");
		return off < n ? (int)off : -ENOBUFS;
	}
	PUT(",\"t_ns\":%lld,\"time_s\":%.3f,\"pressure_kpa\":{",
	    (long long)rec->t_ns, rec->time_s);
	for (i = 0; i < FS_NZONES; i++) {
		if (isnan(rec->fr.p[i]))
			PUT("%s\"%s\":null", i ? "," : "", fs_zone_names[i]);
		else
			PUT("%s\"%s\":%.2f", i ? "," : "", fs_zone_names[i],
			    rec->fr.p[i]);
	}
	PUT("},\"temperature_c\":{");
	for (i = 0; i < FS_NTEMPS; i++) {
		if (isnan(rec->fr.temp[i]))
			PUT("%s\"%s\":null", i ? "," : "", fs_temp_names[i]);
		else
			PUT("%s\"%s\":%.2f", i ? "," : "", fs_temp_names[i],
			    rec->fr.temp[i]);
	}
	PUT("}}\n");
	return off < n ? (int)off : -ENOBUFS;
}

int fs_stream_encode(char *buf, size_t n, enum fs_stream_format fmt,
		     const struct fs_stream_rec *rec)
{
	switch (fmt) {
	case FS_STREAM_BINARY:
		if (n < FS_STREAM_RECORD_SIZE)
			return -ENOBUFS;
		return encode_binary((uint8_t *)buf, rec);
	case FS_STREAM_CSV:
		return encode_csv(buf, n, rec);
	case FS_STREAM_JSONL:
		return encode_jsonl(buf, n, rec);
	default:
		return -EINVAL;
	}
}

int fs_stream_csv_head(char *buf, size_t n, double rate_hz,
		       const char *started)
{
	size_t off = 0;

	PUT("# footsock recording v1\n# rate_hz=%g\n# started=%s\n"
	    "# source=footsockd stream\n%s\n", rate_hz, started, fs_rec_header);
	return off < n ? (int)off : -ENOBUFS;
}
