/* SPDX-License-Identifier: GPL-2.0 */
/*
 * footsock: state shared by the USB half (footsock_usb.c) and the IIO half
 * (footsock_iio.c) of the driver.
 */
#ifndef FOOTSOCK_H
#define FOOTSOCK_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/usb.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "footsock_proto.h"

/*
 * Interrupt IN transfers kept in flight while streaming: enough to keep a
 * 1 kHz stream flowing through a host controller that services its queue
 * from a timer, few enough to stop quickly.
 */
#define FOOTSOCK_NUM_URBS	8

struct dentry;
struct iio_dev;

/* Calibration of one channel, host-endian, checked by footsock_check_info(). */
struct footsock_chan_calib {
	int scale_num;
	int scale_den;
	int offset;
};

/*
 * Counters for debugfs, cumulative since probe. Atomic so that a reader
 * needs no lock and a 32-bit one sees no torn value.
 */
struct footsock_stats {
	atomic64_t frames;		/* frames accepted and pushed */
	atomic64_t sequence_gaps;	/* frames lost, duplicated or out of order */
	atomic64_t crc_errors;		/* frames failing the CRC or version check */
	atomic64_t short_transfers;	/* transfers not a whole number of frames */
	atomic64_t urb_errors;		/* transfers completed with an error status */
};

/**
 * struct footsock - one sock, one USB interface; the IIO device's private
 *	data, so it lives exactly as long as the iio_dev
 * @udev: the USB device; valid until footsock_disconnect() returns, and
 *	no code runs on this struct after that
 * @intf: the USB interface; likewise
 * @indio_dev: the IIO device this struct is the private data of
 * @iio_id: N of iio:deviceN, cached for the tracepoints
 * @debugfs: the device's debugfs directory (counters, firmware version)
 * @io_mutex: serialises control transfers and the stream state below
 * @disconnected: the interface is gone; no more I/O (under @io_mutex,
 *	read locklessly by waiters)
 * @streaming: START sent and URBs wanted (under @io_mutex)
 * @raw_streaming: the stream runs for raw reads, not for the buffer, and
 *	@raw_stop_work stops it when the reads stop (under @io_mutex)
 * @suspended: between suspend and resume (under @io_mutex)
 * @reset_tried: a device reset was queued during this stream (@io_mutex)
 * @serial: serial number from GET_INFO, NUL terminated
 * @foot: enum footsock_foot
 * @fw_version: major << 8 | minor
 * @rate_hz: sampling rate the device runs at (under @io_mutex)
 * @calib: per-channel calibration (under @io_mutex)
 * @ifnum: bInterfaceNumber, the wIndex of every control request
 * @in_pipe: the interrupt IN pipe
 * @in_size: transfer buffer size, usb_endpoint_maxp() of the endpoint
 * @anchor: every submitted URB is anchored here
 * @urbs: the URBs, allocated in probe and freed in disconnect
 * @recover_work: restarts the URBs after a transfer error, outside the
 *	completion handler
 * @raw_stop_work: stops a stream started for raw reads once they stop
 * @lock: protects everything below; taken in the URB completion handler
 * @recover_pending: a transfer failed; @recover_work restarts the URBs
 * @halted: the endpoint stalled; @recover_work clears the halt
 * @err_streak: recoveries since the last successful transfer
 * @seq_next: the sequence number expected next
 * @stream_fresh: no frame of the current stream taken yet
 * @stale_dropped: frames dropped as leftovers of an earlier stream
 * @ts_valid: @ts_offset holds an estimate
 * @ts_offset: host time minus device time, ns (see footsock_map_ts())
 * @ts_ref_dev_ns: device time of the last @ts_offset update
 * @ts_arrival: host time of the last transfer, to tell a step back of the
 *	host clock from a jump ahead of the device's
 * @ts_last: the last timestamp pushed; output never goes below it
 * @have_latest: @latest holds a frame from the current stream
 * @latest: the newest frame's raw values, by scan index
 * @stats: counters for debugfs
 * @frame_wq: woken on every accepted frame and on disconnect
 */
struct footsock {
	struct usb_device *udev;
	struct usb_interface *intf;
	struct iio_dev *indio_dev;
	int iio_id;
	struct dentry *debugfs;

	struct mutex io_mutex;		/* control transfers, stream state */
	bool disconnected;
	bool streaming;
	bool raw_streaming;
	bool suspended;
	bool reset_tried;

	char serial[FOOTSOCK_SERIAL_LEN + 1];
	u8 foot;
	u16 fw_version;
	unsigned int rate_hz;
	struct footsock_chan_calib calib[FOOTSOCK_NUM_CHANNELS];

	u8 ifnum;
	unsigned int in_pipe;
	unsigned int in_size;
	struct usb_anchor anchor;
	struct urb *urbs[FOOTSOCK_NUM_URBS];
	struct delayed_work recover_work;
	struct delayed_work raw_stop_work;

	spinlock_t lock;		/* frame state, shared with completions */
	bool recover_pending;
	bool halted;
	unsigned int err_streak;
	u32 seq_next;
	bool stream_fresh;
	unsigned int stale_dropped;
	bool ts_valid;
	s64 ts_offset;
	s64 ts_ref_dev_ns;
	s64 ts_arrival;
	s64 ts_last;
	bool have_latest;
	int latest[FOOTSOCK_NUM_CHANNELS];
	struct footsock_stats stats;
	wait_queue_head_t frame_wq;
};

/* footsock_usb.c */
int footsock_stream_start(struct footsock *fs);
void footsock_stream_stop(struct footsock *fs);
int footsock_raw_stream_get(struct footsock *fs);
void footsock_raw_stream_stop(struct footsock *fs);
int footsock_set_rate(struct footsock *fs, unsigned int rate_hz);
int footsock_tare(struct footsock *fs);

/* footsock_iio.c */
struct footsock *footsock_iio_alloc(struct usb_interface *intf);
int footsock_iio_register(struct footsock *fs);
void footsock_iio_unregister(struct footsock *fs);
void footsock_debugfs_init(void);
void footsock_debugfs_exit(void);
s64 footsock_iio_time_ns(struct footsock *fs);
void footsock_iio_push(struct footsock *fs, const struct footsock_frame *frame,
		       s64 timestamp);

#endif /* FOOTSOCK_H */
