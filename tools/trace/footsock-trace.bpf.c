// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-trace: the BPF side. One program per footsock trace event; each
 * adds to the counters of its sock (struct ft_stats, keyed by serial and
 * foot) in one hash map the front end reads every interval.
 *
 * The records are read through the structs of footsock-trace.h, which
 * must match kernel/footsock_trace.h: the module has no BTF, so nothing
 * relocates them (the front end checks the layout before loading us).
 * Counters only grow; the front end prints differences.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "footsock-trace.h"

/* Two socks in practice; room for a lab's worth of replugs. */
#define FT_MAX_SOCKS	64

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, FT_MAX_SOCKS);
	__type(key, struct ft_key);
	__type(value, struct ft_stats);
} socks SEC(".maps");

static struct ft_stats zero;

/*
 * The sock's counters, created on its first event. A full map (more socks
 * than FT_MAX_SOCKS) drops the event: NULL.
 */
static __always_inline struct ft_stats *sock_stats(const char *serial,
						   __u8 foot, __s32 iio_id)
{
	struct ft_key key = {};
	struct ft_stats *st;

	/*
	 * A helper, not a loop of loads: the compiler may merge byte loads
	 * into wider ones, which the verifier refuses at odd offsets of a
	 * tracepoint record.
	 */
	bpf_probe_read_kernel(key.serial, sizeof(key.serial), serial);
	key.serial[FT_SERIAL_SIZE - 1] = '\0';
	key.foot = foot;

	st = bpf_map_lookup_elem(&socks, &key);
	if (!st) {
		bpf_map_update_elem(&socks, &key, &zero, BPF_NOEXIST);
		st = bpf_map_lookup_elem(&socks, &key);
		if (!st)
			return NULL;
	}
	st->iio_id = iio_id;
	return st;
}

static __always_inline __u32 ft_log2(__u64 v)
{
	__u32 r = 0;

	if (v >> 32) {
		v >>= 32;
		r += 32;
	}
	if (v >> 16) {
		v >>= 16;
		r += 16;
	}
	if (v >> 8) {
		v >>= 8;
		r += 8;
	}
	if (v >> 4) {
		v >>= 4;
		r += 4;
	}
	if (v >> 2) {
		v >>= 2;
		r += 2;
	}
	if (v >> 1)
		r += 1;
	return r;
}

SEC("tracepoint/footsock/footsock_frame")
int footsock_frame(struct ft_frame *ctx)
{
	struct ft_stats *st;
	__s64 lat;
	__u32 slot;

	st = sock_stats(ctx->serial, ctx->foot, ctx->iio_id);
	if (!st)
		return 0;
	__sync_fetch_and_add(&st->frames, 1);

	/*
	 * host_ns is the frame's device time mapped onto the IIO clock,
	 * push_ns the IIO clock right after the push: the same clock.
	 */
	lat = ctx->push_ns - ctx->host_ns;
	if (lat < 0) {
		__sync_fetch_and_add(&st->lat_negative, 1);
		return 0;
	}
	slot = ft_log2((__u64)lat / 1000);
	if (slot >= FT_SLOTS)
		slot = FT_SLOTS - 1;
	__sync_fetch_and_add(&st->lat_slots[slot], 1);
	return 0;
}

SEC("tracepoint/footsock/footsock_gap")
int footsock_gap(struct ft_gap *ctx)
{
	struct ft_stats *st;

	st = sock_stats(ctx->serial, ctx->foot, ctx->iio_id);
	if (st)
		__sync_fetch_and_add(&st->gaps, ctx->gaps);
	return 0;
}

SEC("tracepoint/footsock/footsock_crc_error")
int footsock_crc_error(struct ft_crc_error *ctx)
{
	struct ft_stats *st;

	st = sock_stats(ctx->serial, ctx->foot, ctx->iio_id);
	if (st)
		__sync_fetch_and_add(&st->crc_errors, ctx->bad);
	return 0;
}

SEC("tracepoint/footsock/footsock_urb_error")
int footsock_urb_error(struct ft_urb_error *ctx)
{
	struct ft_stats *st;

	st = sock_stats(ctx->serial, ctx->foot, ctx->iio_id);
	if (st)
		__sync_fetch_and_add(&st->urb_errors, 1);
	return 0;
}

/* GPL: bpf_probe_read_kernel() is a GPL-only helper. */
char LICENSE[] SEC("license") = "GPL";
