// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * stream-check FILE: reads the binary records of `footsockctl stream
 * --format binary` (docs/stream.md) and prints one line per foot:
 *
 *   left records N first S last S lost L lost_records K unexplained U
 *        ts_back B end E
 *
 * unexplained: sequence steps that are not 1 + the record's lost count
 * (a frame missing without being reported); ts_back: timestamps going
 * back. Written from the documented layout, not from footsockd's encoder,
 * so that the test reads what a user's script would. Exit 1 on a short
 * or malformed record.
 */
#include <endian.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define RECORD_SIZE	112
#define FLAG_LOST	0x01
#define FLAG_END	0x02

struct foot_account {
	uint64_t records, first, last, lost, lost_records, unexplained;
	uint64_t ts_back, ends;
	int64_t last_ts;
};

static uint16_t get16(const unsigned char *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return le16toh(v);
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return le32toh(v);
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return le64toh(v);
}

static void account(struct foot_account *a, const unsigned char *r)
{
	uint8_t flags = r[3];
	uint32_t lost = get32(r + 4);
	uint64_t seq = get64(r + 8);
	int64_t ts = (int64_t)get64(r + 16);

	if (flags & FLAG_END) {
		a->ends++;
		return;
	}
	if (a->records) {
		if (seq != a->last + 1 + lost)
			a->unexplained++;
		if (ts < a->last_ts)
			a->ts_back++;
	} else {
		a->first = seq;
	}
	if (flags & FLAG_LOST) {
		a->lost += lost;
		a->lost_records++;
	}
	a->records++;
	a->last = seq;
	a->last_ts = ts;
}

int main(int argc, char **argv)
{
	static const char *const names[2] = { "left", "right" };
	struct foot_account acc[2] = { 0 };
	unsigned char r[RECORD_SIZE];
	size_t n;
	FILE *f;
	int i;

	if (argc != 2) {
		fprintf(stderr, "usage: stream-check FILE\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	while ((n = fread(r, 1, sizeof(r), f)) == sizeof(r)) {
		if (get16(r) != 1 || r[2] > 1) {
			fprintf(stderr, "stream-check: record %" PRIu64 ": version %u foot %u\n",
				acc[0].records + acc[1].records, get16(r), r[2]);
			fclose(f);
			return 1;
		}
		account(&acc[r[2]], r);
	}
	fclose(f);
	if (n) {
		fprintf(stderr, "stream-check: %zu bytes of a record at the end\n", n);
		return 1;
	}
	for (i = 0; i < 2; i++)
		printf("%s records %" PRIu64 " first %" PRIu64 " last %" PRIu64
		       " lost %" PRIu64 " lost_records %" PRIu64
		       " unexplained %" PRIu64 " ts_back %" PRIu64 " end %" PRIu64 "\n",
		       names[i], acc[i].records, acc[i].first, acc[i].last,
		       acc[i].lost, acc[i].lost_records, acc[i].unexplained,
		       acc[i].ts_back, acc[i].ends);
	return 0;
}
