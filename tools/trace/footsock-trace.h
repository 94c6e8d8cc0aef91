/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsock-trace: what the BPF side (footsock-trace.bpf.c) and the front
 * end (footsock-trace.c) share: the records of the footsock driver's
 * trace events as the BPF programs read them, and the per-sock counters.
 *
 * The driver is an out-of-tree module and Debian gives such modules no
 * BTF, so the records cannot come from vmlinux.h or CO-RE: they are
 * written out here and MUST match kernel/footsock_trace.h: the common
 * header, then the fields in TP_STRUCT__entry order with the compiler's
 * natural alignment, as the kernel lays them out. The front end checks
 * every field the BPF programs read against
 * /sys/kernel/tracing/events/footsock/EVENT/format before it loads them
 * (footsock-trace.c, check_layout()), and refuses to run on a mismatch.
 */
#ifndef FOOTSOCK_TRACE_TOOL_H
#define FOOTSOCK_TRACE_TOOL_H

#include <linux/types.h>

/* FOOTSOCK_SERIAL_LEN (kernel/footsock_proto.h) + the NUL. */
#define FT_SERIAL_SIZE	17
/* log2 latency slots in microseconds: slot 26 holds 33 s and above. */
#define FT_SLOTS	27

/* struct trace_entry: the header of every trace event record. */
struct ft_common {
	__u16 type;
	__u8 flags;
	__u8 preempt_count;
	__s32 pid;
};

/* footsock:footsock_frame */
struct ft_frame {
	struct ft_common common;
	__s32 iio_id;
	__u32 seq;
	__u64 dev_us;
	__s64 host_ns;
	__s64 arrival_ns;
	__s64 push_ns;
	__u8 foot;
	char serial[FT_SERIAL_SIZE];
};

/* footsock:footsock_gap */
struct ft_gap {
	struct ft_common common;
	__s32 iio_id;
	__u32 expected;
	__u32 got;
	__u32 gaps;
	__u8 foot;
	char serial[FT_SERIAL_SIZE];
};

/* footsock:footsock_crc_error */
struct ft_crc_error {
	struct ft_common common;
	__s32 iio_id;
	__u32 bad;
	__u32 frames;
	__u8 foot;
	char serial[FT_SERIAL_SIZE];
};

/* footsock:footsock_urb_error */
struct ft_urb_error {
	struct ft_common common;
	__s32 iio_id;
	__s32 status;
	__u8 foot;
	char serial[FT_SERIAL_SIZE];
};

/* A sock: its serial and its foot (a serial alone could be reused). */
struct ft_key {
	char serial[FT_SERIAL_SIZE];
	__u8 foot;		/* 0 left, 1 right (enum footsock_foot) */
	__u8 pad[2];		/* zero: part of the hash */
};

/*
 * Per sock, cumulative since footsock-trace loaded: the front end prints
 * the difference between two reads, so nothing counted between a read and
 * the next is lost (no delete of keys in flight).
 */
struct ft_stats {
	__u64 frames;
	__u64 gaps;		/* as the driver's sequence_gaps counts them */
	__u64 crc_errors;	/* frames, as the driver's crc_errors */
	__u64 urb_errors;
	__u64 lat_negative;	/* device time mapped after the push */
	__u64 lat_slots[FT_SLOTS];	/* push - mapped device time, log2 us */
	__s32 iio_id;		/* the last one seen */
	__u32 pad;

	/* --daemon: the frames footsockd's state took in (probe.h) */
	__u64 daemon_frames;
	__u64 daemon_unpushed;	/* no push of that frame seen (traced late) */
	__u64 daemon_unread;	/* beyond FT_BATCH_MAX in one batch */
	__u64 daemon_negative;	/* a clock other than CLOCK_MONOTONIC */
	__u64 device_slots[FT_SLOTS];	/* state - mapped device time */
	__u64 push_slots[FT_SLOTS];	/* state - push */
};

/*
 * --daemon: the frame tracepoint keeps each frame's push time under its
 * timestamp and foot until footsockd's probe takes it (an LRU: frames
 * footsockd never reads age out). Room for 8 s of a pair at 1 kHz.
 */
struct ft_push_key {
	__s64 ts_ns;		/* the scan's IIO timestamp (host_ns) */
	__u32 foot;
	__u32 pad;		/* zero: part of the hash */
};

#define FT_PUSHES	16384
/* The scans footsockd reads at most at once (READ_SCANS, daemon/sock.c). */
#define FT_BATCH_MAX	256

#endif /* FOOTSOCK_TRACE_TOOL_H */
