// SPDX-License-Identifier: GPL-2.0
/*
 * footsock: USB driver for the footsock sensor sock.
 *
 * The sock samples 16 pressure and 6 temperature sensors and streams each
 * sample as a 64-byte frame on one interrupt IN endpoint; vendor requests on
 * endpoint 0 identify it and start, stop and configure the stream. This
 * file is the USB half of the driver: probe and disconnect, control
 * requests, the URBs, frame checking and the mapping of the device clock
 * onto the host clock. footsock_iio.c presents the result as an IIO device.
 */

#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/crc-itu-t.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/time64.h>
#include <linux/usb.h>
#include <linux/iio/iio.h>

#include "footsock.h"

#define CREATE_TRACE_POINTS
#include "footsock_trace.h"

/* The largest interrupt packet any USB speed allows. */
#define FOOTSOCK_MAX_PACKET		1024

/*
 * Recovery after a transfer error is done from a work item, never by
 * resubmitting from the completion handler: the first retry waits 10 ms and
 * each further one in a row doubles the wait, up to 640 ms. After eight in a
 * row without a good transfer the device is reset, once per stream.
 */
#define FOOTSOCK_RECOVER_DELAY_MS	10
#define FOOTSOCK_RECOVER_MAX_SHIFT	6
#define FOOTSOCK_RESET_AFTER		8

/*
 * Timestamp mapping (see footsock_update_offset()): the offset may rise by
 * at most 1/2048 (about 490 ppm) of the device time elapsed, an order of
 * magnitude above any crystal's drift; it may fall by at most half of it,
 * so consecutive timestamps stay at least half a sample period apart. A
 * jump of more than 10 s is a step of one of the clocks, not latency, and
 * is followed at once.
 */
#define FOOTSOCK_TS_RISE_SHIFT		11
#define FOOTSOCK_TS_FALL_SHIFT		1
#define FOOTSOCK_TS_RESYNC_NS		(10LL * NSEC_PER_SEC)

/*
 * Device times are taken modulo 2^50 us (35 years): a frame's time is
 * untrusted input, and in this range every sum and difference of device
 * time, host time and offset stays far inside s64, whatever the device
 * sends. A time that wraps or jumps is a clock step (see above).
 */
#define FOOTSOCK_DEV_US_MASK		GENMASK_ULL(49, 0)

/*
 * A stream started for raw reads (the buffer off) runs until no raw read
 * came for this long, so that reading every channel in turn costs one
 * start, not one per channel.
 */
#define FOOTSOCK_RAW_IDLE_MS		2000

/*
 * A frame at most this far behind the expected sequence number is a repeat
 * or a late one; further behind, the sock has restarted its count.
 */
#define FOOTSOCK_SEQ_WINDOW		64

static const struct usb_device_id footsock_id_table[] = {
	{ USB_DEVICE_AND_INTERFACE_INFO(FOOTSOCK_USB_VID, FOOTSOCK_USB_PID,
					FOOTSOCK_IF_CLASS, FOOTSOCK_IF_SUBCLASS,
					FOOTSOCK_IF_PROTOCOL) },
	{ }
};
MODULE_DEVICE_TABLE(usb, footsock_id_table);

static void footsock_free_urbs(struct footsock *fs)
{
	int i;

	for (i = 0; i < FOOTSOCK_NUM_URBS; i++) {
		if (!fs->urbs[i])
			continue;
		kfree(fs->urbs[i]->transfer_buffer);
		usb_free_urb(fs->urbs[i]);
		fs->urbs[i] = NULL;
	}
}

/* A vendor request without a data stage. Called with io_mutex held. */
static int footsock_ctrl(struct footsock *fs, u8 request, u16 value)
{
	lockdep_assert_held(&fs->io_mutex);

	if (fs->disconnected)
		return -ENODEV;

	return usb_control_msg_send(fs->udev, 0, request,
				    USB_DIR_OUT | USB_TYPE_VENDOR |
				    USB_RECIP_INTERFACE, value, fs->ifnum,
				    NULL, 0, USB_CTRL_SET_TIMEOUT, GFP_NOIO);
}

/* GET_INFO into @info; only a reply of exactly the documented size counts. */
static int footsock_get_info(struct footsock *fs, struct footsock_info *info,
			     gfp_t gfp)
{
	int ret;

	lockdep_assert_held(&fs->io_mutex);

	if (fs->disconnected)
		return -ENODEV;

	ret = usb_control_msg_recv(fs->udev, 0, FOOTSOCK_REQ_GET_INFO,
				   USB_DIR_IN | USB_TYPE_VENDOR |
				   USB_RECIP_INTERFACE, 0, fs->ifnum, info,
				   FOOTSOCK_INFO_SIZE, USB_CTRL_GET_TIMEOUT, gfp);
	if (ret == -EREMOTEIO) {
		dev_err(&fs->intf->dev, "GET_INFO reply shorter than %d bytes\n",
			FOOTSOCK_INFO_SIZE);
		return -EPROTO;
	}
	if (ret)
		dev_err(&fs->intf->dev, "GET_INFO failed: %d\n", ret);
	return ret;
}

/* Printable ASCII, at least one character, then only NUL padding. */
static bool footsock_serial_valid(const u8 *serial)
{
	unsigned int i = 0;

	while (i < FOOTSOCK_SERIAL_LEN && serial[i] >= 0x20 && serial[i] <= 0x7e)
		i++;
	if (i == 0)
		return false;
	for (; i < FOOTSOCK_SERIAL_LEN; i++)
		if (serial[i])
			return false;
	return true;
}

/*
 * Everything the driver relies on later is checked here, once: a device
 * that fails is refused, so no other code needs to distrust these fields.
 */
static int footsock_check_info(struct footsock *fs,
			       const struct footsock_info *info)
{
	struct device *dev = &fs->intf->dev;
	unsigned int rate = le16_to_cpu(info->rate_hz);
	int i;

	if (le32_to_cpu(info->magic) != FOOTSOCK_INFO_MAGIC) {
		dev_err(dev, "bad GET_INFO magic %#x\n",
			le32_to_cpu(info->magic));
		return -EPROTO;
	}
	if (le16_to_cpu(info->proto_version) != FOOTSOCK_PROTO_VERSION) {
		dev_err(dev, "unsupported protocol version %u\n",
			le16_to_cpu(info->proto_version));
		return -EPROTO;
	}
	if (info->num_pressure != FOOTSOCK_NUM_PRESSURE ||
	    info->num_temp != FOOTSOCK_NUM_TEMP ||
	    info->frame_size != FOOTSOCK_FRAME_SIZE) {
		dev_err(dev, "unsupported layout: %u pressure, %u temperature channels, %u-byte frames\n",
			info->num_pressure, info->num_temp, info->frame_size);
		return -EPROTO;
	}
	if (info->foot != FOOTSOCK_FOOT_LEFT &&
	    info->foot != FOOTSOCK_FOOT_RIGHT) {
		dev_err(dev, "bad foot %u\n", info->foot);
		return -EPROTO;
	}
	if (!footsock_serial_valid(info->serial)) {
		dev_err(dev, "serial number is not printable ASCII\n");
		return -EPROTO;
	}
	if (rate < FOOTSOCK_RATE_MIN_HZ || rate > FOOTSOCK_RATE_MAX_HZ) {
		dev_err(dev, "sampling rate %u Hz out of range\n", rate);
		return -EPROTO;
	}
	/* IIO_VAL_FRACTIONAL takes ints: both terms must be 1..INT_MAX. */
	for (i = 0; i < FOOTSOCK_NUM_CHANNELS; i++) {
		u32 num = le32_to_cpu(info->calib[i].scale_num);
		u32 den = le32_to_cpu(info->calib[i].scale_den);

		if (!num || !den || num > INT_MAX || den > INT_MAX) {
			dev_err(dev, "channel %d: bad scale %u/%u\n",
				i, num, den);
			return -EPROTO;
		}
	}
	return 0;
}

static void footsock_apply_calib(struct footsock *fs,
				 const struct footsock_info *info)
{
	int i;

	for (i = 0; i < FOOTSOCK_NUM_CHANNELS; i++) {
		fs->calib[i].scale_num = le32_to_cpu(info->calib[i].scale_num);
		fs->calib[i].scale_den = le32_to_cpu(info->calib[i].scale_den);
		fs->calib[i].offset = (s32)le32_to_cpu(info->calib[i].offset);
	}
}

/* GET_INFO into a new buffer, checked; the caller frees it. */
static struct footsock_info *footsock_fetch_info(struct footsock *fs, gfp_t gfp)
{
	struct footsock_info *info;
	int ret;

	info = kmalloc(sizeof(*info), gfp);
	if (!info)
		return ERR_PTR(-ENOMEM);

	ret = footsock_get_info(fs, info, gfp);
	if (!ret)
		ret = footsock_check_info(fs, info);
	if (ret) {
		kfree(info);
		return ERR_PTR(ret);
	}
	return info;
}

/*
 * Re-read GET_INFO after TARE or a reset: the calibration may change, the
 * identity must not. A different sock answering is reported as -ENODEV:
 * after a reset that makes the USB core unbind and probe it afresh.
 */
static int footsock_refresh_info(struct footsock *fs, gfp_t gfp)
{
	struct footsock_info *info;
	int ret = 0;

	info = footsock_fetch_info(fs, gfp);
	if (IS_ERR(info))
		return PTR_ERR(info);

	if (info->foot != fs->foot ||
	    memcmp(info->serial, fs->serial, FOOTSOCK_SERIAL_LEN)) {
		dev_err(&fs->intf->dev, "a different sock answered GET_INFO\n");
		ret = -ENODEV;
	} else {
		footsock_apply_calib(fs, info);
	}
	kfree(info);
	return ret;
}

/* Probe's handshake: identify the sock and bring it to a known state. */
static int footsock_handshake(struct footsock *fs)
{
	struct footsock_info *info;
	int ret;

	info = footsock_fetch_info(fs, GFP_KERNEL);
	if (IS_ERR(info))
		return PTR_ERR(info);

	/* serial[] is one byte longer than the wire field: NUL terminated. */
	memcpy(fs->serial, info->serial, FOOTSOCK_SERIAL_LEN);
	fs->foot = info->foot;
	fs->fw_version = le16_to_cpu(info->fw_version);
	fs->rate_hz = le16_to_cpu(info->rate_hz);
	footsock_apply_calib(fs, info);
	kfree(info);

	/* A previous driver instance may have left the sock streaming. */
	ret = footsock_ctrl(fs, FOOTSOCK_REQ_STOP, 0);
	if (ret)
		dev_err(&fs->intf->dev, "STOP failed: %d\n", ret);
	return ret;
}

/*
 * usb_submit_urb() errors that mean the device or its endpoint is going
 * away: the normal end of a stream, not an error.
 */
static bool footsock_submit_gone(int err)
{
	switch (err) {
	case -EPERM:		/* being killed or poisoned right now */
	case -ENODEV:		/* unplugged */
	case -ENOENT:		/* endpoint disabled by a disconnect */
	case -ESHUTDOWN:	/* the host controller or port is gone */
	case -EHOSTUNREACH:	/* suspended or unconfigured */
		return true;
	default:
		return false;
	}
}

/* Submit every URB; all must be idle. Called with io_mutex held. */
static int footsock_submit_urbs(struct footsock *fs, gfp_t gfp)
{
	int i, ret;

	lockdep_assert_held(&fs->io_mutex);

	for (i = 0; i < FOOTSOCK_NUM_URBS; i++) {
		usb_anchor_urb(fs->urbs[i], &fs->anchor);
		ret = usb_submit_urb(fs->urbs[i], gfp);
		if (ret) {
			usb_unanchor_urb(fs->urbs[i]);
			if (footsock_submit_gone(ret))
				dev_dbg(&fs->intf->dev, "cannot submit URB: %d\n", ret);
			else
				dev_err(&fs->intf->dev, "cannot submit URB: %d\n", ret);
			usb_kill_anchored_urbs(&fs->anchor);
			return ret;
		}
	}
	return 0;
}

/* Forget the clock mapping; the next transfer starts a new estimate. */
static void footsock_resync_ts(struct footsock *fs)
{
	unsigned long flags;

	spin_lock_irqsave(&fs->lock, flags);
	fs->ts_valid = false;
	fs->recover_pending = false;
	fs->halted = false;
	spin_unlock_irqrestore(&fs->lock, flags);
}

/*
 * After START the device counts from sequence number 0 on a clock of its
 * own. ts_last is not reset here: a stream restarted after a device reset
 * is the same stream to user space, and its timestamps keep increasing.
 */
static void footsock_reset_stream(struct footsock *fs)
{
	unsigned long flags;

	spin_lock_irqsave(&fs->lock, flags);
	fs->seq_next = 0;
	fs->stream_fresh = true;
	fs->stale_dropped = 0;
	fs->ts_valid = false;
	WRITE_ONCE(fs->have_latest, false);
	fs->recover_pending = false;
	fs->halted = false;
	fs->err_streak = 0;
	spin_unlock_irqrestore(&fs->lock, flags);
}

/*
 * URBs first, then START: the sock never has a frame ready with no
 * transfer queued to take it. Called with io_mutex held.
 */
static int __footsock_stream_start(struct footsock *fs, gfp_t gfp)
{
	int ret;

	footsock_reset_stream(fs);

	ret = footsock_submit_urbs(fs, gfp);
	if (ret)
		return ret;

	ret = footsock_ctrl(fs, FOOTSOCK_REQ_START, 0);
	if (ret) {
		dev_err(&fs->intf->dev, "START failed: %d\n", ret);
		usb_kill_anchored_urbs(&fs->anchor);
	}
	return ret;
}

/* Stop the stream, if one runs. Called with io_mutex held. */
static void __footsock_stream_stop(struct footsock *fs)
{
	int ret;

	lockdep_assert_held(&fs->io_mutex);

	if (!fs->streaming)
		return;
	fs->streaming = false;
	fs->raw_streaming = false;
	/* STOP first, so the sock discards what it has not sent yet. */
	if (!fs->disconnected) {
		ret = footsock_ctrl(fs, FOOTSOCK_REQ_STOP, 0);
		if (ret)
			dev_warn(&fs->intf->dev, "STOP failed: %d\n", ret);
	}
	usb_kill_anchored_urbs(&fs->anchor);
}

/*
 * A new stream, for the buffer or for raw reads; none runs. Called with
 * io_mutex held.
 */
static int footsock_stream_begin(struct footsock *fs)
{
	int ret;

	fs->reset_tried = false;
	/*
	 * A new stream may use another IIO clock (current_timestamp_clock
	 * can only change while the buffer is off): no floor from the last.
	 */
	spin_lock_irq(&fs->lock);
	fs->ts_last = S64_MIN;
	spin_unlock_irq(&fs->lock);
	ret = __footsock_stream_start(fs, GFP_KERNEL);
	if (!ret)
		fs->streaming = true;
	return ret;
}

/* The buffer's stream; replaces one that runs for raw reads. */
int footsock_stream_start(struct footsock *fs)
{
	int ret;

	mutex_lock(&fs->io_mutex);
	if (fs->disconnected) {
		ret = -ENODEV;
	} else {
		__footsock_stream_stop(fs);
		ret = footsock_stream_begin(fs);
	}
	mutex_unlock(&fs->io_mutex);
	return ret;
}

void footsock_stream_stop(struct footsock *fs)
{
	mutex_lock(&fs->io_mutex);
	__footsock_stream_stop(fs);
	mutex_unlock(&fs->io_mutex);
}

/*
 * For a raw read with the buffer off (the caller holds the IIO direct mode
 * claim): start the stream unless it runs, and push its stop back by
 * FOOTSOCK_RAW_IDLE_MS.
 */
int footsock_raw_stream_get(struct footsock *fs)
{
	int ret = 0;

	mutex_lock(&fs->io_mutex);
	if (fs->disconnected) {
		ret = -ENODEV;
		goto out;
	}
	if (!fs->streaming) {
		ret = footsock_stream_begin(fs);
		if (ret)
			goto out;
		fs->raw_streaming = true;
	}
	mod_delayed_work(system_wq, &fs->raw_stop_work,
			 msecs_to_jiffies(FOOTSOCK_RAW_IDLE_MS));
out:
	mutex_unlock(&fs->io_mutex);
	return ret;
}

/* The raw reads stopped (the caller holds the IIO direct mode claim). */
void footsock_raw_stream_stop(struct footsock *fs)
{
	mutex_lock(&fs->io_mutex);
	if (fs->raw_streaming)
		__footsock_stream_stop(fs);
	mutex_unlock(&fs->io_mutex);
}

int footsock_set_rate(struct footsock *fs, unsigned int rate_hz)
{
	int ret;

	mutex_lock(&fs->io_mutex);
	/* The buffer is off: at most a stream for raw reads, restarted later. */
	__footsock_stream_stop(fs);
	ret = footsock_ctrl(fs, FOOTSOCK_REQ_SET_RATE, rate_hz);
	if (!ret)
		fs->rate_hz = rate_hz;
	else
		dev_err(&fs->intf->dev, "SET_RATE %u failed: %d\n",
			rate_hz, ret);
	mutex_unlock(&fs->io_mutex);
	return ret;
}

int footsock_tare(struct footsock *fs)
{
	int ret;

	mutex_lock(&fs->io_mutex);
	ret = footsock_ctrl(fs, FOOTSOCK_REQ_TARE, 0);
	if (ret) {
		dev_err(&fs->intf->dev, "TARE failed: %d\n", ret);
	} else {
		ret = footsock_refresh_info(fs, GFP_KERNEL);
		/*
		 * Another sock behind the same port: the identity user space
		 * sees is wrong. A reset re-reads it; post_reset fails on the
		 * new identity, and the USB core probes the sock afresh.
		 */
		if (ret == -ENODEV && !fs->disconnected)
			usb_queue_reset_device(fs->intf);
	}
	mutex_unlock(&fs->io_mutex);
	return ret;
}

static s64 footsock_dev_ns(const struct footsock_frame *frame)
{
	u64 us = le64_to_cpu(frame->timestamp_us) & FOOTSOCK_DEV_US_MASK;

	return (s64)us * NSEC_PER_USEC;
}

/*
 * Estimate the offset between the device clock and the host clock from one
 * transfer, whose frames span device times @oldest..@newest. The newest
 * frame cannot have been sampled after the transfer completed, so
 * arrival - newest is an upper bound of the offset, above the true one by
 * the transfer latency; the lowest bound seen is the best estimate.
 *
 * The estimate moves towards each new bound at a limited pace, measured in
 * device time since the previous transfer: down by at most half of it, so a
 * lower bound (the first transfers of a stream are the slowest) never
 * squeezes timestamps closer than half a sample period; up by at most
 * 2^-FOOTSOCK_TS_RISE_SHIFT of it, which follows a host clock running
 * faster than the device's while a burst of latency barely moves it.
 * Called with fs->lock held.
 */
static void footsock_update_offset(struct footsock *fs, s64 arrival,
				   s64 oldest, s64 newest)
{
	s64 bound = arrival - newest;
	s64 elapsed;

	/*
	 * The host clock stepped back (only CLOCK_REALTIME can): follow it
	 * rather than stall the timestamps for the size of the step. Only the
	 * host's own time tells: a device clock that jumps ahead lowers the
	 * bound just the same, and the output must not go back for it.
	 */
	if (fs->ts_valid && arrival < fs->ts_arrival - FOOTSOCK_TS_RESYNC_NS)
		fs->ts_last = S64_MIN;
	fs->ts_arrival = arrival;

	if (!fs->ts_valid || bound > fs->ts_offset + FOOTSOCK_TS_RESYNC_NS ||
	    bound < fs->ts_offset - FOOTSOCK_TS_RESYNC_NS) {
		/* A step of either clock: follow it; ts_last keeps the order. */
		fs->ts_offset = bound;
		fs->ts_valid = true;
	} else {
		elapsed = max_t(s64, oldest - fs->ts_ref_dev_ns, 0);
		if (bound < fs->ts_offset)
			fs->ts_offset -= min_t(s64, fs->ts_offset - bound,
					       elapsed >> FOOTSOCK_TS_FALL_SHIFT);
		else
			fs->ts_offset += min_t(s64, bound - fs->ts_offset,
					       elapsed >> FOOTSOCK_TS_RISE_SHIFT);
	}
	fs->ts_ref_dev_ns = newest;
}

/* Device time to host time, strictly increasing. Called with fs->lock held. */
static s64 footsock_map_ts(struct footsock *fs, s64 dev_ns)
{
	s64 ts = dev_ns + fs->ts_offset;

	if (ts <= fs->ts_last)
		ts = fs->ts_last + 1;
	fs->ts_last = ts;
	return ts;
}

/*
 * Whether to accept a frame with sequence number @seq. USB neither loses
 * nor reorders interrupt data, so a number ahead of the expected one means
 * the sock dropped frames: each skipped number is one gap. A number a
 * little behind is a repeated or late frame: it is dropped (its timestamp
 * would go backwards) and counted as one gap. A number far behind means the
 * sock restarted its count: the frame is taken, counted as one gap, and
 * the count follows it.
 *
 * Before the first frame of a stream, a frame numbered FOOTSOCK_SEQ_WINDOW
 * or more is a leftover of the stream before START (a sock discards those
 * on START, but a transfer already handed to the USB controller can still
 * come out): it is dropped, neither data nor a
 * gap, and its device time must not set the clock mapping. At most
 * FOOTSOCK_SEQ_WINDOW are dropped, so a stream whose first frames were
 * really lost is still taken. Called with fs->lock held.
 */
static bool footsock_check_seq(struct footsock *fs, u32 seq)
{
	u32 expected = fs->seq_next;
	s32 delta = (s32)(seq - expected);

	if (unlikely(fs->stream_fresh)) {
		if (seq >= FOOTSOCK_SEQ_WINDOW &&
		    fs->stale_dropped < FOOTSOCK_SEQ_WINDOW) {
			fs->stale_dropped++;
			trace_footsock_gap(fs, expected, seq, 0);
			return false;
		}
		fs->stream_fresh = false;
	}

	if (likely(delta == 0)) {
		fs->seq_next = seq + 1;
		return true;
	}

	if (delta > 0) {
		trace_footsock_gap(fs, expected, seq, delta);
		atomic64_add(delta, &fs->stats.sequence_gaps);
		fs->seq_next = seq + 1;
		return true;
	}
	trace_footsock_gap(fs, expected, seq, 1);
	atomic64_inc(&fs->stats.sequence_gaps);
	if (delta >= -FOOTSOCK_SEQ_WINDOW)
		return false;
	fs->seq_next = seq + 1;
	return true;
}

static void footsock_store_latest(struct footsock *fs,
				  const struct footsock_frame *frame)
{
	int i;

	for (i = 0; i < FOOTSOCK_NUM_PRESSURE; i++)
		fs->latest[i] = le16_to_cpu(frame->pressure[i]);
	for (i = 0; i < FOOTSOCK_NUM_TEMP; i++)
		fs->latest[FOOTSOCK_NUM_PRESSURE + i] =
			(s16)le16_to_cpu(frame->temp[i]);
	WRITE_ONCE(fs->have_latest, true);
}

static bool footsock_frame_valid(const struct footsock_frame *frame)
{
	return frame->version == FOOTSOCK_FRAME_VERSION &&
	       crc_itu_t(0xffff, (const u8 *)frame, FOOTSOCK_FRAME_CRC_LEN) ==
	       le16_to_cpu(frame->crc);
}

/* One completed transfer of @len bytes: check, stamp and push its frames. */
static void footsock_process(struct footsock *fs, const void *buf,
			     unsigned int len)
{
	const struct footsock_frame *frames = buf;
	unsigned int n = len / FOOTSOCK_FRAME_SIZE;
	unsigned int i, bad = 0;
	unsigned long valid = 0;
	unsigned long flags;
	s64 arrival, dev_ns, oldest = S64_MAX, newest = S64_MIN, ts;
	bool pushed = false;

	arrival = footsock_iio_time_ns(fs);

	/* in_size <= 1024 bounds n to 16 frames, well within @valid. */
	if (len && len % FOOTSOCK_FRAME_SIZE == 0) {
		for (i = 0; i < n; i++) {
			if (footsock_frame_valid(&frames[i]))
				__set_bit(i, &valid);
			else
				bad++;
		}
	}

	spin_lock_irqsave(&fs->lock, flags);
	fs->err_streak = 0;
	if (!len || len % FOOTSOCK_FRAME_SIZE) {
		atomic64_inc(&fs->stats.short_transfers);
		goto unlock;
	}
	atomic64_add(bad, &fs->stats.crc_errors);
	if (bad)
		trace_footsock_crc_error(fs, bad, n);

	/* The sequence numbers decide which frames are taken ... */
	for_each_set_bit(i, &valid, n) {
		if (!footsock_check_seq(fs, le32_to_cpu(frames[i].seq))) {
			__clear_bit(i, &valid);
			continue;
		}
		/* By value: a late frame may come last. */
		dev_ns = footsock_dev_ns(&frames[i]);
		oldest = min(oldest, dev_ns);
		newest = max(newest, dev_ns);
	}
	if (!valid)
		goto unlock;

	/* ... and only those bound the clock mapping. */
	footsock_update_offset(fs, arrival, oldest, newest);
	for_each_set_bit(i, &valid, n) {
		ts = footsock_map_ts(fs, footsock_dev_ns(&frames[i]));
		footsock_store_latest(fs, &frames[i]);
		atomic64_inc(&fs->stats.frames);
		footsock_iio_push(fs, &frames[i], ts);
		trace_footsock_frame(fs, le32_to_cpu(frames[i].seq),
				     le64_to_cpu(frames[i].timestamp_us), ts,
				     arrival);
		pushed = true;
	}
unlock:
	spin_unlock_irqrestore(&fs->lock, flags);

	if (pushed)
		wake_up_interruptible(&fs->frame_wq);
}

/*
 * A transfer failed. Count it and let the work item restart the URBs after
 * a backoff: resubmitting from here would spin on a persistent error.
 */
static void footsock_urb_error(struct footsock *fs, int status)
{
	unsigned long flags, delay;

	atomic64_inc(&fs->stats.urb_errors);
	spin_lock_irqsave(&fs->lock, flags);
	if (status == -EPIPE)
		fs->halted = true;
	fs->recover_pending = true;
	delay = FOOTSOCK_RECOVER_DELAY_MS <<
		min_t(unsigned int, fs->err_streak, FOOTSOCK_RECOVER_MAX_SHIFT);
	spin_unlock_irqrestore(&fs->lock, flags);

	trace_footsock_urb_error(fs, status);
	dev_dbg_ratelimited(&fs->intf->dev, "interrupt IN transfer failed: %d\n",
			    status);
	schedule_delayed_work(&fs->recover_work, msecs_to_jiffies(delay));
}

static void footsock_urb_complete(struct urb *urb)
{
	struct footsock *fs = urb->context;
	int ret;

	switch (urb->status) {
	case 0:
		footsock_process(fs, urb->transfer_buffer, urb->actual_length);
		break;
	case -ENOENT:
	case -ECONNRESET:
	case -ESHUTDOWN:
		/* Unlinked: killed by the driver, or the device is gone. */
		return;
	default:
		/* -EPIPE (stall), -EPROTO, -EILSEQ, -ETIME, -EOVERFLOW, ... */
		footsock_urb_error(fs, urb->status);
		return;
	}

	usb_anchor_urb(urb, &fs->anchor);
	ret = usb_submit_urb(urb, GFP_ATOMIC);
	if (ret) {
		usb_unanchor_urb(urb);
		if (!footsock_submit_gone(ret))
			footsock_urb_error(fs, ret);
	}
}

static void footsock_recover_work(struct work_struct *work)
{
	struct footsock *fs = container_of(to_delayed_work(work),
					   struct footsock, recover_work);
	unsigned int streak;
	bool pending, halted;
	int ret;

	mutex_lock(&fs->io_mutex);
	if (!fs->streaming || fs->suspended || fs->disconnected)
		goto unlock;

	spin_lock_irq(&fs->lock);
	pending = fs->recover_pending;
	halted = fs->halted;
	streak = fs->err_streak++;
	fs->recover_pending = false;
	fs->halted = false;
	spin_unlock_irq(&fs->lock);
	if (!pending)
		goto unlock;

	/* Quiesce, so that every URB is idle and can be resubmitted. */
	usb_kill_anchored_urbs(&fs->anchor);

	if (halted) {
		ret = usb_clear_halt(fs->udev, fs->in_pipe);
		if (ret)
			dev_warn(&fs->intf->dev, "cannot clear halt: %d\n", ret);
	}

	if (streak + 1 >= FOOTSOCK_RESET_AFTER && !fs->reset_tried) {
		fs->reset_tried = true;
		dev_warn(&fs->intf->dev,
			 "%u transfer errors in a row, resetting the device\n",
			 streak + 1);
		/* footsock_post_reset() restarts the stream. */
		usb_queue_reset_device(fs->intf);
		goto unlock;
	}

	ret = footsock_submit_urbs(fs, GFP_KERNEL);
	if (ret && ret != -ENODEV) {
		spin_lock_irq(&fs->lock);
		fs->recover_pending = true;
		spin_unlock_irq(&fs->lock);
		schedule_delayed_work(&fs->recover_work,
				      msecs_to_jiffies(FOOTSOCK_RECOVER_DELAY_MS <<
						       FOOTSOCK_RECOVER_MAX_SHIFT));
	}
unlock:
	mutex_unlock(&fs->io_mutex);
}

static void footsock_raw_stop_work(struct work_struct *work)
{
	struct footsock *fs = container_of(to_delayed_work(work),
					   struct footsock, raw_stop_work);

	/* With the buffer on, the buffer owns the stream. */
	if (!iio_device_claim_direct(fs->indio_dev))
		return;
	footsock_raw_stream_stop(fs);
	iio_device_release_direct(fs->indio_dev);
}

static int footsock_alloc_urbs(struct footsock *fs,
			       const struct usb_endpoint_descriptor *ep)
{
	struct urb *urb;
	void *buf;
	int i;

	for (i = 0; i < FOOTSOCK_NUM_URBS; i++) {
		urb = usb_alloc_urb(0, GFP_KERNEL);
		if (!urb)
			return -ENOMEM;
		fs->urbs[i] = urb;

		buf = kmalloc(fs->in_size, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
		usb_fill_int_urb(urb, fs->udev, fs->in_pipe, buf, fs->in_size,
				 footsock_urb_complete, fs, ep->bInterval);
	}
	return 0;
}

static int footsock_probe(struct usb_interface *intf,
			  const struct usb_device_id *id)
{
	struct usb_endpoint_descriptor *ep_in;
	struct footsock *fs;
	unsigned int maxp;
	int ret;

	/* This also checks the type: only an interrupt IN endpoint matches. */
	ret = usb_find_common_endpoints(intf->cur_altsetting, NULL, NULL,
					&ep_in, NULL);
	if (ret) {
		dev_err(&intf->dev, "no interrupt IN endpoint\n");
		return -ENODEV;
	}
	maxp = usb_endpoint_maxp(ep_in);
	if (!maxp || maxp % FOOTSOCK_FRAME_SIZE || maxp > FOOTSOCK_MAX_PACKET) {
		dev_err(&intf->dev,
			"interrupt IN wMaxPacketSize %u is not a multiple of %d up to %d\n",
			maxp, FOOTSOCK_FRAME_SIZE, FOOTSOCK_MAX_PACKET);
		return -ENODEV;
	}
	/*
	 * A high-bandwidth endpoint could send several packets per interval
	 * into a one-packet buffer; the protocol has no use for one.
	 */
	if (usb_endpoint_maxp_mult(ep_in) != 1) {
		dev_err(&intf->dev,
			"interrupt IN endpoint is high-bandwidth (%d packets per interval)\n",
			usb_endpoint_maxp_mult(ep_in));
		return -ENODEV;
	}

	/* Device-managed on @intf: freed after disconnect, or at last close. */
	fs = footsock_iio_alloc(intf);
	if (!fs)
		return -ENOMEM;

	mutex_init(&fs->io_mutex);
	spin_lock_init(&fs->lock);
	init_usb_anchor(&fs->anchor);
	init_waitqueue_head(&fs->frame_wq);
	INIT_DELAYED_WORK(&fs->recover_work, footsock_recover_work);
	INIT_DELAYED_WORK(&fs->raw_stop_work, footsock_raw_stop_work);
	fs->udev = interface_to_usbdev(intf);
	fs->intf = intf;
	fs->ifnum = intf->cur_altsetting->desc.bInterfaceNumber;
	fs->in_pipe = usb_rcvintpipe(fs->udev, usb_endpoint_num(ep_in));
	fs->in_size = maxp;

	ret = footsock_alloc_urbs(fs, ep_in);
	if (ret)
		goto err_free_urbs;

	usb_set_intfdata(intf, fs);

	mutex_lock(&fs->io_mutex);
	ret = footsock_handshake(fs);
	mutex_unlock(&fs->io_mutex);
	if (ret) {
		/* Whatever went wrong, this is not a sock the driver can use. */
		if (ret != -ENOMEM)
			ret = -ENODEV;
		goto err_free_urbs;
	}

	/* Last: from here on user space can use the device. */
	ret = footsock_iio_register(fs);
	if (ret)
		goto err_free_urbs;

	dev_dbg(&intf->dev, "%s sock %s, firmware %u.%u, %u Hz, iio:device%d\n",
		fs->foot == FOOTSOCK_FOOT_LEFT ? "left" : "right", fs->serial,
		fs->fw_version >> 8, fs->fw_version & 0xff, fs->rate_hz,
		fs->iio_id);
	return 0;

err_free_urbs:
	footsock_free_urbs(fs);
	return ret;
}

static void footsock_disconnect(struct usb_interface *intf)
{
	struct footsock *fs = usb_get_intfdata(intf);

	mutex_lock(&fs->io_mutex);
	/*
	 * On unbind with the sock still attached (rmmod), stop it; after an
	 * unplug this fails at once with -ENODEV and is harmless.
	 */
	if (fs->streaming)
		footsock_ctrl(fs, FOOTSOCK_REQ_STOP, 0);
	WRITE_ONCE(fs->disconnected, true);
	mutex_unlock(&fs->io_mutex);

	/* A reader waiting for a frame gives up now, not at its timeout. */
	wake_up_all(&fs->frame_wq);

	/*
	 * Unregistering disables the buffer (predisable stops the stream)
	 * and waits for sysfs and debugfs callers to leave; after it no IIO
	 * callback runs, even for file descriptors still open, so nothing
	 * starts a raw stream or queues its stop any more.
	 */
	footsock_iio_unregister(fs);
	cancel_delayed_work_sync(&fs->raw_stop_work);

	/* No URB runs or restarts after this, so no work can be queued. */
	usb_poison_anchored_urbs(&fs->anchor);
	cancel_delayed_work_sync(&fs->recover_work);
	footsock_free_urbs(fs);
}

static int footsock_suspend(struct usb_interface *intf, pm_message_t message)
{
	struct footsock *fs = usb_get_intfdata(intf);

	mutex_lock(&fs->io_mutex);
	fs->suspended = true;
	usb_kill_anchored_urbs(&fs->anchor);
	mutex_unlock(&fs->io_mutex);
	return 0;
}

static int footsock_resume(struct usb_interface *intf)
{
	struct footsock *fs = usb_get_intfdata(intf);
	int ret = 0;

	mutex_lock(&fs->io_mutex);
	fs->suspended = false;
	if (fs->streaming && !fs->disconnected) {
		/*
		 * The sock kept its state and carries on counting; only the
		 * host clock may have paused (CLOCK_MONOTONIC stops in
		 * suspend), so the clock mapping starts afresh.
		 */
		footsock_resync_ts(fs);
		ret = footsock_submit_urbs(fs, GFP_NOIO);
	}
	mutex_unlock(&fs->io_mutex);
	return ret;
}

/*
 * The sock lost its state in a reset: check that it is the same sock,
 * restore the rate and, if a stream was running, restart it. Called with
 * io_mutex held and every URB idle.
 */
static int footsock_reinit(struct footsock *fs)
{
	int ret;

	ret = footsock_refresh_info(fs, GFP_NOIO);
	if (ret)
		return ret;

	ret = footsock_ctrl(fs, FOOTSOCK_REQ_SET_RATE, fs->rate_hz);
	if (ret) {
		dev_err(&fs->intf->dev, "SET_RATE failed: %d\n", ret);
		return ret;
	}

	if (fs->streaming)
		ret = __footsock_stream_start(fs, GFP_NOIO);
	return ret;
}

static int footsock_reset_resume(struct usb_interface *intf)
{
	struct footsock *fs = usb_get_intfdata(intf);
	int ret;

	mutex_lock(&fs->io_mutex);
	fs->suspended = false;
	ret = footsock_reinit(fs);
	mutex_unlock(&fs->io_mutex);
	return ret;
}

/* io_mutex is held from pre_reset to post_reset: no I/O during a reset. */
static int footsock_pre_reset(struct usb_interface *intf)
{
	struct footsock *fs = usb_get_intfdata(intf);

	mutex_lock(&fs->io_mutex);
	usb_kill_anchored_urbs(&fs->anchor);
	return 0;
}

static int footsock_post_reset(struct usb_interface *intf)
{
	struct footsock *fs = usb_get_intfdata(intf);
	int ret;

	/* Non-zero makes the USB core unbind and probe again. */
	ret = footsock_reinit(fs);
	mutex_unlock(&fs->io_mutex);
	return ret;
}

static struct usb_driver footsock_driver = {
	.name		= "footsock",
	.id_table	= footsock_id_table,
	.probe		= footsock_probe,
	.disconnect	= footsock_disconnect,
	.suspend	= footsock_suspend,
	.resume		= footsock_resume,
	.reset_resume	= footsock_reset_resume,
	.pre_reset	= footsock_pre_reset,
	.post_reset	= footsock_post_reset,
	/*
	 * A streaming sock always has transfers queued and an idle one is
	 * idle by user choice: runtime suspend would buy nothing.
	 */
	.supports_autosuspend = 0,
};

static int __init footsock_init(void)
{
	int ret;

	footsock_debugfs_init();
	ret = usb_register(&footsock_driver);
	if (ret)
		footsock_debugfs_exit();
	return ret;
}
module_init(footsock_init);

static void __exit footsock_exit(void)
{
	usb_deregister(&footsock_driver);
	footsock_debugfs_exit();
}
module_exit(footsock_exit);

MODULE_AUTHOR("footsock developers");
MODULE_DESCRIPTION("footsock sensor sock: USB driver with an IIO interface");
MODULE_LICENSE("GPL");
