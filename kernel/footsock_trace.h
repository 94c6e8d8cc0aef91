/* SPDX-License-Identifier: GPL-2.0 */
/*
 * footsock tracepoints. footsock_usb.c defines CREATE_TRACE_POINTS before
 * including this file; kernel/Kbuild adds -I$(src) so that
 * <trace/define_trace.h> finds it through TRACE_INCLUDE_PATH below.
 *
 * Every event carries the IIO device number (iio:deviceN), the foot and
 * the serial number, so that the events of a left and a right sock can be
 * told apart, also after a replug gave a sock another IIO device.
 *
 * tools/trace/footsock-trace.h mirrors the layout of these records (the
 * fields in TP_STRUCT__entry order); footsock-trace checks it against
 * events/footsock/EVENT/format before it loads. A change here is a change
 * there (docs/trace.md).
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM footsock

#if !defined(FOOTSOCK_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define FOOTSOCK_TRACE_H

#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/types.h>

#include "footsock.h"

#define footsock_trace_foot(foot)					\
	__print_symbolic(foot, { FOOTSOCK_FOOT_LEFT, "left" },		\
			 { FOOTSOCK_FOOT_RIGHT, "right" })

/*
 * One frame accepted and pushed to the IIO buffers. push_ns is the IIO
 * clock read when the event fires, right after the push: only when the
 * event is enabled, so the stream pays nothing for it otherwise.
 */
TRACE_EVENT(footsock_frame,
	    TP_PROTO(struct footsock *fs, u32 seq, u64 dev_us, s64 host_ns,
		     s64 arrival_ns),
	    TP_ARGS(fs, seq, dev_us, host_ns, arrival_ns),
	    TP_STRUCT__entry(__field(int, iio_id)
			     __field(u32, seq)
			     __field(u64, dev_us)
			     __field(s64, host_ns)
			     __field(s64, arrival_ns)
			     __field(s64, push_ns)
			     __field(u8, foot)
			     __array(char, serial, FOOTSOCK_SERIAL_LEN + 1)),
	    TP_fast_assign(__entry->iio_id = fs->iio_id;
			   __entry->seq = seq;
			   __entry->dev_us = dev_us;
			   __entry->host_ns = host_ns;
			   __entry->arrival_ns = arrival_ns;
			   __entry->push_ns = footsock_iio_time_ns(fs);
			   __entry->foot = fs->foot;
			   memcpy(__entry->serial, fs->serial,
				  sizeof(__entry->serial));),
	    TP_printk("iio:device%d seq=%u dev_us=%llu host_ns=%lld arrival_ns=%lld push_ns=%lld foot=%s serial=%s",
		      __entry->iio_id, __entry->seq,
		      (unsigned long long)__entry->dev_us,
		      (long long)__entry->host_ns,
		      (long long)__entry->arrival_ns,
		      (long long)__entry->push_ns,
		      footsock_trace_foot(__entry->foot), __entry->serial)
);

/*
 * A frame whose sequence number is not the one expected. gaps is what it
 * added to the sequence_gaps counter: the numbers skipped for a frame
 * ahead, 1 for one behind, 0 for a leftover of an earlier stream.
 */
TRACE_EVENT(footsock_gap,
	    TP_PROTO(struct footsock *fs, u32 expected, u32 got, u32 gaps),
	    TP_ARGS(fs, expected, got, gaps),
	    TP_STRUCT__entry(__field(int, iio_id)
			     __field(u32, expected)
			     __field(u32, got)
			     __field(u32, gaps)
			     __field(u8, foot)
			     __array(char, serial, FOOTSOCK_SERIAL_LEN + 1)),
	    TP_fast_assign(__entry->iio_id = fs->iio_id;
			   __entry->expected = expected;
			   __entry->got = got;
			   __entry->gaps = gaps;
			   __entry->foot = fs->foot;
			   memcpy(__entry->serial, fs->serial,
				  sizeof(__entry->serial));),
	    TP_printk("iio:device%d expected=%u got=%u gaps=%u foot=%s serial=%s",
		      __entry->iio_id, __entry->expected, __entry->got,
		      __entry->gaps, footsock_trace_foot(__entry->foot),
		      __entry->serial)
);

/* A transfer holding frames that fail the CRC or version check. */
TRACE_EVENT(footsock_crc_error,
	    TP_PROTO(struct footsock *fs, u32 bad, u32 frames),
	    TP_ARGS(fs, bad, frames),
	    TP_STRUCT__entry(__field(int, iio_id)
			     __field(u32, bad)
			     __field(u32, frames)
			     __field(u8, foot)
			     __array(char, serial, FOOTSOCK_SERIAL_LEN + 1)),
	    TP_fast_assign(__entry->iio_id = fs->iio_id;
			   __entry->bad = bad;
			   __entry->frames = frames;
			   __entry->foot = fs->foot;
			   memcpy(__entry->serial, fs->serial,
				  sizeof(__entry->serial));),
	    TP_printk("iio:device%d bad=%u frames=%u foot=%s serial=%s",
		      __entry->iio_id, __entry->bad, __entry->frames,
		      footsock_trace_foot(__entry->foot), __entry->serial)
);

/* An interrupt IN transfer that completed with an error status. */
TRACE_EVENT(footsock_urb_error,
	    TP_PROTO(struct footsock *fs, int status),
	    TP_ARGS(fs, status),
	    TP_STRUCT__entry(__field(int, iio_id)
			     __field(int, status)
			     __field(u8, foot)
			     __array(char, serial, FOOTSOCK_SERIAL_LEN + 1)),
	    TP_fast_assign(__entry->iio_id = fs->iio_id;
			   __entry->status = status;
			   __entry->foot = fs->foot;
			   memcpy(__entry->serial, fs->serial,
				  sizeof(__entry->serial));),
	    TP_printk("iio:device%d status=%d foot=%s serial=%s",
		      __entry->iio_id, __entry->status,
		      footsock_trace_foot(__entry->foot), __entry->serial)
);

#endif /* FOOTSOCK_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE footsock_trace
#include <trace/define_trace.h>
