/* SPDX-License-Identifier: GPL-2.0 */
/*
 * footsock tracepoints. footsock_usb.c defines CREATE_TRACE_POINTS before
 * including this file; kernel/Kbuild adds -I$(src) so that
 * <trace/define_trace.h> finds it through TRACE_INCLUDE_PATH below.
 *
 * Every event carries the IIO device number (iio:deviceN) so that the
 * events of a left and a right sock can be told apart.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM footsock

#if !defined(FOOTSOCK_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define FOOTSOCK_TRACE_H

#include <linux/tracepoint.h>
#include <linux/types.h>

/* One frame accepted and pushed to the IIO buffers. */
TRACE_EVENT(footsock_frame,
	    TP_PROTO(int iio_id, u32 seq, u64 dev_us, s64 host_ns,
		     s64 arrival_ns),
	    TP_ARGS(iio_id, seq, dev_us, host_ns, arrival_ns),
	    TP_STRUCT__entry(__field(int, iio_id)
			     __field(u32, seq)
			     __field(u64, dev_us)
			     __field(s64, host_ns)
			     __field(s64, arrival_ns)),
	    TP_fast_assign(__entry->iio_id = iio_id;
			   __entry->seq = seq;
			   __entry->dev_us = dev_us;
			   __entry->host_ns = host_ns;
			   __entry->arrival_ns = arrival_ns;),
	    TP_printk("iio:device%d seq=%u dev_us=%llu host_ns=%lld arrival_ns=%lld",
		      __entry->iio_id, __entry->seq,
		      (unsigned long long)__entry->dev_us,
		      (long long)__entry->host_ns,
		      (long long)__entry->arrival_ns)
);

/* A frame whose sequence number is not the one expected. */
TRACE_EVENT(footsock_gap,
	    TP_PROTO(int iio_id, u32 expected, u32 got),
	    TP_ARGS(iio_id, expected, got),
	    TP_STRUCT__entry(__field(int, iio_id)
			     __field(u32, expected)
			     __field(u32, got)),
	    TP_fast_assign(__entry->iio_id = iio_id;
			   __entry->expected = expected;
			   __entry->got = got;),
	    TP_printk("iio:device%d expected=%u got=%u",
		      __entry->iio_id, __entry->expected, __entry->got)
);

/* An interrupt IN transfer that completed with an error status. */
TRACE_EVENT(footsock_urb_error,
	    TP_PROTO(int iio_id, int status),
	    TP_ARGS(iio_id, status),
	    TP_STRUCT__entry(__field(int, iio_id)
			     __field(int, status)),
	    TP_fast_assign(__entry->iio_id = iio_id;
			   __entry->status = status;),
	    TP_printk("iio:device%d status=%d",
		      __entry->iio_id, __entry->status)
);

#endif /* FOOTSOCK_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE footsock_trace
#include <trace/define_trace.h>
