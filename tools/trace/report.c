// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-trace: the output. Text: a table of the socks, then a log2
 * histogram of each sock's latency, in the shape of libbpf-tools'
 * print_log2_hist() (biolatency). JSON: one object per interval on one
 * line (JSON Lines), for scripts and the VM test. docs/trace.md shows
 * both.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "report.h"

#define STARS_MAX	40

/* __u64 is unsigned long long in <linux/types.h>, uint64_t may be long. */
#define U(x)	((unsigned long long)(x))

static double per_second(uint64_t n, double seconds)
{
	return seconds > 0 ? (double)n / seconds : 0.0;
}

static const char *foot_name(uint8_t foot)
{
	return foot == 0 ? "left" : foot == 1 ? "right" : "?";
}

/* Slot I holds latencies of LOW..HIGH us: 0-1, 2-3, 4-7, ... */
static void slot_range(int i, uint64_t *low, uint64_t *high)
{
	*low = i == 0 ? 0 : UINT64_C(1) << i;
	*high = (UINT64_C(1) << (i + 1)) - 1;
}

/* The highest slot with a count, -1 when none. */
static int last_slot(const __u64 *slots)
{
	int i;

	for (i = FT_SLOTS - 1; i >= 0; i--)
		if (slots[i])
			return i;
	return -1;
}

static uint64_t slots_count(const __u64 *slots)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < FT_SLOTS; i++)
		n += slots[i];
	return n;
}

static void print_stars(FILE *out, uint64_t val, uint64_t max)
{
	int n = max ? (int)(val * STARS_MAX / max) : 0;
	int i;

	for (i = 0; i < STARS_MAX; i++)
		fputc(i < n ? '*' : ' ', out);
}

static void print_hist(FILE *out, const __u64 *slots)
{
	uint64_t low, high, max = 0;
	int i, last = last_slot(slots);

	for (i = 0; i <= last; i++)
		if (slots[i] > max)
			max = slots[i];
	fprintf(out, "%5s%-19s : count    distribution\n", "", "usecs");
	for (i = 0; i <= last; i++) {
		slot_range(i, &low, &high);
		fprintf(out, "%10llu -> %-10llu : %-8llu |", U(low), U(high),
			U(slots[i]));
		print_stars(out, slots[i], max);
		fprintf(out, "|\n");
	}
}

/* --daemon: the two histograms of the frames footsockd's state took in. */
static void print_daemon(FILE *out, const struct ft_sock *s)
{
	const struct ft_stats *d = &s->delta;

	fprintf(out, "\n%s %s: latency, device sample to footsockd's state, %llu frames",
		foot_name(s->key.foot), s->key.serial, U(d->daemon_frames));
	if (d->daemon_negative)
		fprintf(out, " (%llu mapped ahead of footsockd's clock)",
			U(d->daemon_negative));
	if (d->daemon_unread)
		fprintf(out, " (%llu more not read: batch above %d)",
			U(d->daemon_unread), FT_BATCH_MAX);
	fprintf(out, "\n");
	if (last_slot(d->device_slots) >= 0)
		print_hist(out, d->device_slots);
	fprintf(out, "\n%s %s: latency, IIO push to footsockd's state, %llu frames",
		foot_name(s->key.foot), s->key.serial,
		U(slots_count(d->push_slots)));
	if (d->daemon_unpushed)
		fprintf(out, " (%llu whose push was not seen)",
			U(d->daemon_unpushed));
	fprintf(out, "\n");
	if (last_slot(d->push_slots) >= 0)
		print_hist(out, d->push_slots);
}

static void report_text(FILE *out, bool daemon, const struct timespec *end,
			double seconds, const struct ft_sock *socks, size_t n)
{
	char when[32];
	struct tm tm;
	size_t i;

	localtime_r(&end->tv_sec, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	fprintf(out, "%s  %.2f s\n", when, seconds);
	if (!n) {
		fprintf(out, "no footsock events yet\n\n");
		return;
	}
	fprintf(out, "%-5s %-16s %-12s %10s %8s %8s %8s\n", "FOOT", "SERIAL",
		"IIO", "FRAMES/S", "GAPS", "CRC_ERR", "URB_ERR");
	for (i = 0; i < n; i++) {
		const struct ft_sock *s = &socks[i];
		char iio[32];

		snprintf(iio, sizeof(iio), "iio:device%d", s->total.iio_id);
		fprintf(out, "%-5s %-16s %-12s %10.1f %8llu %8llu %8llu\n",
			foot_name(s->key.foot), s->key.serial, iio,
			per_second(s->delta.frames, seconds), U(s->delta.gaps),
			U(s->delta.crc_errors), U(s->delta.urb_errors));
	}
	for (i = 0; i < n; i++) {
		const struct ft_stats *d = &socks[i].delta;

		fprintf(out, "\n%s %s: latency, device sample to IIO push, %llu frames",
			foot_name(socks[i].key.foot), socks[i].key.serial,
			U(d->frames));
		if (d->lat_negative)
			fprintf(out, " (%llu mapped after their push)",
				U(d->lat_negative));
		fprintf(out, "\n");
		if (last_slot(d->lat_slots) >= 0)
			print_hist(out, d->lat_slots);
		if (daemon)
			print_daemon(out, &socks[i]);
	}
	fprintf(out, "\n");
}

/* A JSON string: the serial is printable ASCII, but never trust it. */
static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void json_counts(FILE *out, const struct ft_stats *st)
{
	fprintf(out, "\"frames\":%llu,\"gaps\":%llu,\"crc_errors\":%llu,\"urb_errors\":%llu",
		U(st->frames), U(st->gaps), U(st->crc_errors),
		U(st->urb_errors));
}

/* "NAME":{"count":N,"hist":[{"low":..,"high":..,"count":..},...]} */
static void json_hist(FILE *out, const char *name, const __u64 *slots)
{
	uint64_t low, high;
	int j, last = last_slot(slots);

	fprintf(out, "\"%s\":{\"count\":%llu,\"hist\":[", name,
		U(slots_count(slots)));
	for (j = 0; j <= last; j++) {
		slot_range(j, &low, &high);
		fprintf(out, "%s{\"low\":%llu,\"high\":%llu,\"count\":%llu}",
			j ? "," : "", U(low), U(high), U(slots[j]));
	}
	fprintf(out, "]}");
}

static void report_json(FILE *out, bool daemon, const struct timespec *end,
			double seconds, const struct ft_sock *socks, size_t n)
{
	uint64_t low, high;
	char when[32];
	struct tm tm;
	size_t i;
	int j, last;

	gmtime_r(&end->tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(out, "{\"time\":\"%s\",\"interval_s\":%.3f,\"socks\":[", when,
		seconds);
	for (i = 0; i < n; i++) {
		const struct ft_sock *s = &socks[i];
		const struct ft_stats *d = &s->delta;

		fprintf(out, "%s{\"foot\":\"%s\",\"serial\":", i ? "," : "",
			foot_name(s->key.foot));
		json_string(out, s->key.serial);
		fprintf(out, ",\"iio_device\":\"iio:device%d\",", s->total.iio_id);
		json_counts(out, d);
		fprintf(out, ",\"frames_per_s\":%.1f",
			per_second(d->frames, seconds));
		fprintf(out, ",\"latency_us\":{\"count\":%llu,\"negative\":%llu,\"hist\":[",
			U(slots_count(d->lat_slots)), U(d->lat_negative));
		last = last_slot(d->lat_slots);
		for (j = 0; j <= last; j++) {
			slot_range(j, &low, &high);
			fprintf(out, "%s{\"low\":%llu,\"high\":%llu,\"count\":%llu}",
				j ? "," : "", U(low), U(high),
				U(d->lat_slots[j]));
		}
		fprintf(out, "]}");
		if (daemon) {
			fprintf(out, ",\"daemon\":{\"frames\":%llu,\"unpushed\":%llu,\"unread\":%llu,\"negative\":%llu,",
				U(d->daemon_frames), U(d->daemon_unpushed),
				U(d->daemon_unread), U(d->daemon_negative));
			json_hist(out, "device_to_state_us", d->device_slots);
			fputc(',', out);
			json_hist(out, "push_to_state_us", d->push_slots);
			fputc('}', out);
		}
		fprintf(out, ",\"total\":{");
		json_counts(out, &s->total);
		if (daemon)
			fprintf(out, ",\"daemon_frames\":%llu",
				U(s->total.daemon_frames));
		fprintf(out, "}}");
	}
	fprintf(out, "]}\n");
}

void ft_report(FILE *out, bool json, bool daemon, const struct timespec *end,
	       double seconds, const struct ft_sock *socks, size_t n)
{
	if (json)
		report_json(out, daemon, end, seconds, socks, n);
	else
		report_text(out, daemon, end, seconds, socks, n);
	fflush(out);
}
