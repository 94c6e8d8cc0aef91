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
#include <asm/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "footsock-trace.h"
#include "probe.h"

/* Set by the front end before the load: --daemon. */
const volatile __u8 trace_daemon;

/* Two socks in practice; room for a lab's worth of replugs. */
#define FT_MAX_SOCKS	64

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, FT_MAX_SOCKS);
	__type(key, struct ft_key);
	__type(value, struct ft_stats);
} socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, FT_PUSHES);
	__type(key, struct ft_push_key);
	__type(value, __s64);
} pushes SEC(".maps");

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

/* The log2 slot of a latency of NS (>= 0) nanoseconds, in microseconds. */
static __always_inline __u32 ft_slot(__s64 ns)
{
	__u32 slot = ft_log2((__u64)ns / 1000);

	return slot < FT_SLOTS ? slot : FT_SLOTS - 1;
}

SEC("tracepoint/footsock/footsock_frame")
int footsock_frame(struct ft_frame *ctx)
{
	struct ft_stats *st;
	__s64 lat;

	st = sock_stats(ctx->serial, ctx->foot, ctx->iio_id);
	if (!st)
		return 0;
	__sync_fetch_and_add(&st->frames, 1);

	if (trace_daemon) {
		struct ft_push_key pk = {
			.ts_ns = ctx->host_ns,
			.foot = ctx->foot,
		};
		__s64 push = ctx->push_ns;

		bpf_map_update_elem(&pushes, &pk, &push, BPF_ANY);
	}

	/*
	 * host_ns is the frame's device time mapped onto the IIO clock,
	 * push_ns the IIO clock right after the push: the same clock.
	 */
	lat = ctx->push_ns - ctx->host_ns;
	if (lat < 0) {
		__sync_fetch_and_add(&st->lat_negative, 1);
		return 0;
	}
	__sync_fetch_and_add(&st->lat_slots[ft_slot(lat)], 1);
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

/* What footsockd_batch() hands each step of its loop over the scans. */
struct batch_walk {
	struct footsockd_probe_batch b;
	struct ft_key key;
	__s64 now;
};

/*
 * One scan of the batch: its age now, and its time since its push. A
 * bpf_loop() callback, which the verifier checks once, rather than an
 * open loop it would walk scan by scan. 0: next scan, 1: stop.
 */
static long batch_scan(__u32 i, struct batch_walk *w)
{
	const __u8 *scan = (const __u8 *)w->b.scans + (__u64)i * w->b.scan_size;
	struct ft_push_key pk = { .foot = w->b.foot };
	struct ft_stats *st;
	__s64 *push;

	st = bpf_map_lookup_elem(&socks, &w->key);
	if (!st)
		return 1;
	if (bpf_probe_read_user(&pk.ts_ns, sizeof(pk.ts_ns), scan + w->b.ts_offset))
		return 1;
	__sync_fetch_and_add(&st->daemon_frames, 1);
	if (w->now < pk.ts_ns)
		__sync_fetch_and_add(&st->daemon_negative, 1);
	else
		__sync_fetch_and_add(&st->device_slots[ft_slot(w->now - pk.ts_ns)], 1);
	push = bpf_map_lookup_elem(&pushes, &pk);
	if (!push || w->now < *push) {
		__sync_fetch_and_add(&st->daemon_unpushed, 1);
		return 0;
	}
	__sync_fetch_and_add(&st->push_slots[ft_slot(w->now - *push)], 1);
	bpf_map_delete_elem(&pushes, &pk);
	return 0;
}

/*
 * footsockd's probe (daemon/probe.h): a batch of scans is now in its
 * state. Each scan's timestamp is its device time mapped onto the IIO
 * clock, which footsockd sets to CLOCK_MONOTONIC, bpf_ktime_get_ns()'s:
 * now minus it is the frame's age when footsockd's state took it in, and
 * now minus its push (kept by footsock_frame above) the part after the
 * driver. One "now" for the batch: its scans were fed one after the
 * other just before, microseconds apart.
 */
SEC("uprobe")
int footsockd_batch(struct pt_regs *ctx)
{
	const struct footsockd_probe_batch *user = (const void *)PT_REGS_PARM1(ctx);
	struct batch_walk w = { .now = (__s64)bpf_ktime_get_ns() };
	struct ft_stats *st;

	if (bpf_probe_read_user(&w.b, sizeof(w.b), user) ||
	    w.b.version != FOOTSOCKD_PROBE_VERSION || w.b.foot > 1)
		return 0;
	if (bpf_probe_read_user_str(w.key.serial, sizeof(w.key.serial),
				    (const void *)w.b.serial) < 0)
		return 0;
	w.key.foot = (__u8)w.b.foot;
	st = bpf_map_lookup_elem(&socks, &w.key);
	if (!st)
		return 0;	/* not a sock the driver traced */
	if (w.b.n > FT_BATCH_MAX) {
		__sync_fetch_and_add(&st->daemon_unread, w.b.n - FT_BATCH_MAX);
		w.b.n = FT_BATCH_MAX;
	}
	bpf_loop(w.b.n, batch_scan, &w, 0);
	return 0;
}

/* GPL: bpf_probe_read_kernel() is a GPL-only helper. */
char LICENSE[] SEC("license") = "GPL";
