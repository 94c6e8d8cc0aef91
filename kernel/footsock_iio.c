// SPDX-License-Identifier: GPL-2.0
/*
 * footsock: the IIO half of the driver. One IIO device per sock with 16
 * pressure and 6 temperature channels, a kfifo buffer fed from the URB
 * completion handler in footsock_usb.c, and the sock's own attributes
 * (identity, tare, counters). docs/driver.md documents the sysfs ABI.
 */

#include <linux/bits.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/wait.h>
#include <linux/iio/buffer.h>
#include <linux/iio/iio.h>
#include <linux/iio/kfifo_buf.h>
#include <linux/iio/sysfs.h>

#include "footsock.h"
#include "footsock_compat.h"

/*
 * How long a read of a raw value waits for a frame: START, one sample
 * period (20 ms at the slowest rate), and transfer latency, which reaches
 * tens of milliseconds on a loaded emulated host.
 */
#define FOOTSOCK_FRAME_TIMEOUT_MS	1000

/* Zone and site names from the footsock contract, in channel order. */
static const char * const footsock_pressure_labels[FOOTSOCK_NUM_PRESSURE] = {
	"hallux", "toes", "met1", "met2", "met3_4", "met5", "arch",
	"midfoot_lat", "heel_med", "heel_lat", "dorsum", "toebox_top",
	"toebox_med", "toebox_lat", "tarsal_tunnel", "cuff",
};

static const char * const footsock_temp_labels[FOOTSOCK_NUM_TEMP] = {
	"toe", "forefoot", "dorsum", "heel", "ankle", "shoe",
};

/* What the completion handler pushes: every channel, then the timestamp. */
struct footsock_scan {
	u16 pressure[FOOTSOCK_NUM_PRESSURE];
	s16 temp[FOOTSOCK_NUM_TEMP];
	aligned_s64 timestamp;
};

#define FOOTSOCK_CHAN(_type, _channel, _scan_index, _sign) {		\
	.type = (_type),						\
	.indexed = 1,							\
	.channel = (_channel),						\
	.info_mask_separate = BIT(IIO_CHAN_INFO_RAW) |			\
			      BIT(IIO_CHAN_INFO_SCALE) |		\
			      BIT(IIO_CHAN_INFO_OFFSET),		\
	.info_mask_shared_by_all = BIT(IIO_CHAN_INFO_SAMP_FREQ),	\
	.info_mask_shared_by_all_available = BIT(IIO_CHAN_INFO_SAMP_FREQ), \
	.scan_index = (_scan_index),					\
	.scan_type = {							\
		.sign = (_sign),					\
		.realbits = 16,						\
		.storagebits = 16,					\
		.endianness = IIO_CPU,					\
	},								\
}

/* Scan index = channel for pressure, 16 + channel for temperature. */
static const struct iio_chan_spec footsock_channels[] = {
	FOOTSOCK_CHAN(IIO_PRESSURE, 0, 0, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 1, 1, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 2, 2, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 3, 3, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 4, 4, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 5, 5, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 6, 6, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 7, 7, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 8, 8, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 9, 9, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 10, 10, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 11, 11, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 12, 12, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 13, 13, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 14, 14, 'u'),
	FOOTSOCK_CHAN(IIO_PRESSURE, 15, 15, 'u'),
	FOOTSOCK_CHAN(IIO_TEMP, 0, 16, 's'),
	FOOTSOCK_CHAN(IIO_TEMP, 1, 17, 's'),
	FOOTSOCK_CHAN(IIO_TEMP, 2, 18, 's'),
	FOOTSOCK_CHAN(IIO_TEMP, 3, 19, 's'),
	FOOTSOCK_CHAN(IIO_TEMP, 4, 20, 's'),
	FOOTSOCK_CHAN(IIO_TEMP, 5, 21, 's'),
	IIO_CHAN_SOFT_TIMESTAMP(FOOTSOCK_NUM_CHANNELS),
};

/*
 * The sock always sends every channel. Offering only the full set makes
 * the IIO core demultiplex whatever subset user space enables.
 */
static const unsigned long footsock_scan_masks[] = {
	GENMASK(FOOTSOCK_NUM_CHANNELS - 1, 0),
	0
};

static const int footsock_rate_range[] = {
	FOOTSOCK_RATE_MIN_HZ, 1, FOOTSOCK_RATE_MAX_HZ,
};

static struct footsock *footsock_from_dev(struct device *dev)
{
	return iio_device_get_drvdata(dev_to_iio_dev(dev));
}

static bool footsock_frame_ready(struct footsock *fs)
{
	return READ_ONCE(fs->have_latest) || READ_ONCE(fs->disconnected);
}

/* The newest value of channel @index, waiting for a first frame if need be. */
static int footsock_wait_latest(struct footsock *fs, unsigned int index,
				int *val)
{
	long left;
	int ret;

	left = wait_event_interruptible_timeout(fs->frame_wq,
						footsock_frame_ready(fs),
						msecs_to_jiffies(FOOTSOCK_FRAME_TIMEOUT_MS));
	if (left < 0)
		return left;
	if (READ_ONCE(fs->disconnected))
		return -ENODEV;

	spin_lock_irq(&fs->lock);
	if (fs->have_latest) {
		*val = fs->latest[index];
		ret = IIO_VAL_INT;
	} else {
		ret = -ETIMEDOUT;
	}
	spin_unlock_irq(&fs->lock);
	return ret;
}

/*
 * A raw value is never stale. With the buffer enabled the stream is
 * running and the newest frame is returned. Otherwise the sock is idle and
 * one frame is captured for the read: START, wait, STOP. That costs a
 * sample period plus a round trip per read; user space that wants many
 * values uses the buffer.
 */
static int footsock_read_sample(struct iio_dev *indio_dev,
				const struct iio_chan_spec *chan, int *val)
{
	struct footsock *fs = iio_device_get_drvdata(indio_dev);
	int ret;

	if (!iio_device_claim_direct(indio_dev))
		return footsock_wait_latest(fs, chan->scan_index, val);

	ret = footsock_stream_start(fs);
	if (!ret) {
		ret = footsock_wait_latest(fs, chan->scan_index, val);
		footsock_stream_stop(fs);
	}
	iio_device_release_direct(indio_dev);
	return ret;
}

static int footsock_read_raw(struct iio_dev *indio_dev,
			     const struct iio_chan_spec *chan,
			     int *val, int *val2, long mask)
{
	struct footsock *fs = iio_device_get_drvdata(indio_dev);
	const struct footsock_chan_calib *calib = &fs->calib[chan->scan_index];
	int ret;

	switch (mask) {
	case IIO_CHAN_INFO_RAW:
		return footsock_read_sample(indio_dev, chan, val);
	case IIO_CHAN_INFO_SCALE:
		mutex_lock(&fs->io_mutex);
		*val = calib->scale_num;
		*val2 = calib->scale_den;
		mutex_unlock(&fs->io_mutex);
		return IIO_VAL_FRACTIONAL;
	case IIO_CHAN_INFO_OFFSET:
		mutex_lock(&fs->io_mutex);
		*val = calib->offset;
		mutex_unlock(&fs->io_mutex);
		return IIO_VAL_INT;
	case IIO_CHAN_INFO_SAMP_FREQ:
		mutex_lock(&fs->io_mutex);
		*val = fs->rate_hz;
		mutex_unlock(&fs->io_mutex);
		return IIO_VAL_INT;
	default:
		ret = -EINVAL;
	}
	return ret;
}

static int footsock_write_raw(struct iio_dev *indio_dev,
			      const struct iio_chan_spec *chan,
			      int val, int val2, long mask)
{
	struct footsock *fs = iio_device_get_drvdata(indio_dev);
	int ret;

	if (mask != IIO_CHAN_INFO_SAMP_FREQ)
		return -EINVAL;
	if (val2 || val < FOOTSOCK_RATE_MIN_HZ || val > FOOTSOCK_RATE_MAX_HZ)
		return -EINVAL;

	/* Like most IIO drivers: no rate change under a running buffer. */
	if (!iio_device_claim_direct(indio_dev))
		return -EBUSY;
	ret = footsock_set_rate(fs, val);
	iio_device_release_direct(indio_dev);
	return ret;
}

static int footsock_write_raw_get_fmt(struct iio_dev *indio_dev,
				      const struct iio_chan_spec *chan,
				      long mask)
{
	if (mask == IIO_CHAN_INFO_SAMP_FREQ)
		return IIO_VAL_INT;
	return -EINVAL;
}

static int footsock_read_avail(struct iio_dev *indio_dev,
			       const struct iio_chan_spec *chan,
			       const int **vals, int *type, int *length,
			       long mask)
{
	if (mask != IIO_CHAN_INFO_SAMP_FREQ)
		return -EINVAL;

	*vals = footsock_rate_range;
	*type = IIO_VAL_INT;
	*length = ARRAY_SIZE(footsock_rate_range);
	return IIO_AVAIL_RANGE;
}

static int footsock_read_label(struct iio_dev *indio_dev,
			       const struct iio_chan_spec *chan, char *label)
{
	switch (chan->type) {
	case IIO_PRESSURE:
		return sysfs_emit(label, "%s\n",
				  footsock_pressure_labels[chan->channel]);
	case IIO_TEMP:
		return sysfs_emit(label, "%s\n",
				  footsock_temp_labels[chan->channel]);
	default:
		return -EINVAL;
	}
}

/* Identity, fixed at probe (a reset that changes it ends in a new probe). */
static ssize_t foot_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct footsock *fs = footsock_from_dev(dev);

	return sysfs_emit(buf, "%s\n",
			  fs->foot == FOOTSOCK_FOOT_LEFT ? "left" : "right");
}
static DEVICE_ATTR_RO(foot);

static ssize_t serial_number_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", footsock_from_dev(dev)->serial);
}
static DEVICE_ATTR_RO(serial_number);

static ssize_t firmware_version_show(struct device *dev,
				     struct device_attribute *attr, char *buf)
{
	struct footsock *fs = footsock_from_dev(dev);

	return sysfs_emit(buf, "%u.%u\n",
			  fs->fw_version >> 8, fs->fw_version & 0xff);
}
static DEVICE_ATTR_RO(firmware_version);

static ssize_t tare_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t len)
{
	unsigned int val;
	int ret;

	ret = kstrtouint(buf, 0, &val);
	if (ret)
		return ret;
	if (val != 1)
		return -EINVAL;

	ret = footsock_tare(footsock_from_dev(dev));
	return ret ? ret : len;
}
static DEVICE_ATTR_WO(tare);

/* The counters: one show function, the attribute's address says which. */
static ssize_t footsock_counter_show(struct device *dev,
				     struct device_attribute *attr, char *buf)
{
	struct footsock *fs = footsock_from_dev(dev);
	const u8 *stats = (const u8 *)&fs->stats;
	u64 count;

	spin_lock_irq(&fs->lock);
	count = *(const u64 *)(stats + to_iio_dev_attr(attr)->address);
	spin_unlock_irq(&fs->lock);
	return sysfs_emit(buf, "%llu\n", count);
}

static IIO_DEVICE_ATTR(frames, 0444, footsock_counter_show, NULL,
		       offsetof(struct footsock_stats, frames));
static IIO_DEVICE_ATTR(sequence_gaps, 0444, footsock_counter_show, NULL,
		       offsetof(struct footsock_stats, sequence_gaps));
static IIO_DEVICE_ATTR(crc_errors, 0444, footsock_counter_show, NULL,
		       offsetof(struct footsock_stats, crc_errors));
static IIO_DEVICE_ATTR(short_transfers, 0444, footsock_counter_show, NULL,
		       offsetof(struct footsock_stats, short_transfers));

static struct attribute *footsock_attrs[] = {
	&dev_attr_foot.attr,
	&dev_attr_serial_number.attr,
	&dev_attr_firmware_version.attr,
	&dev_attr_tare.attr,
	&iio_dev_attr_frames.dev_attr.attr,
	&iio_dev_attr_sequence_gaps.dev_attr.attr,
	&iio_dev_attr_crc_errors.dev_attr.attr,
	&iio_dev_attr_short_transfers.dev_attr.attr,
	NULL
};

static const struct attribute_group footsock_attr_group = {
	.attrs = footsock_attrs,
};

static const struct iio_info footsock_iio_info = {
	.read_raw = footsock_read_raw,
	.write_raw = footsock_write_raw,
	.write_raw_get_fmt = footsock_write_raw_get_fmt,
	.read_avail = footsock_read_avail,
	.read_label = footsock_read_label,
	.attrs = &footsock_attr_group,
};

/* Called with the IIO mode lock held: serialised against direct reads. */
static int footsock_buffer_postenable(struct iio_dev *indio_dev)
{
	return footsock_stream_start(iio_device_get_drvdata(indio_dev));
}

static int footsock_buffer_predisable(struct iio_dev *indio_dev)
{
	footsock_stream_stop(iio_device_get_drvdata(indio_dev));
	return 0;
}

static const struct iio_buffer_setup_ops footsock_buffer_ops = {
	.postenable = footsock_buffer_postenable,
	.predisable = footsock_buffer_predisable,
};

/*
 * The IIO device and its buffer are device-managed on the USB interface,
 * so they are freed after footsock_disconnect() returns, or later if user
 * space still holds them open. struct footsock is not: it goes at the last
 * kref_put(). That is safe because footsock_iio_unregister() is called
 * first, and the IIO core calls no driver callback after it.
 */
int footsock_iio_register(struct footsock *fs)
{
	struct device *dev = &fs->intf->dev;
	struct iio_dev *indio_dev;
	int ret;

	indio_dev = devm_iio_device_alloc(dev, 0);
	if (!indio_dev)
		return -ENOMEM;

	indio_dev->name = "footsock";
	indio_dev->info = &footsock_iio_info;
	indio_dev->modes = INDIO_DIRECT_MODE;
	indio_dev->channels = footsock_channels;
	indio_dev->num_channels = ARRAY_SIZE(footsock_channels);
	indio_dev->available_scan_masks = footsock_scan_masks;
	iio_device_set_drvdata(indio_dev, fs);

	ret = devm_iio_kfifo_buffer_setup(dev, indio_dev, &footsock_buffer_ops);
	if (ret)
		return ret;

	fs->indio_dev = indio_dev;
	fs->iio_id = iio_device_id(indio_dev);
	return iio_device_register(indio_dev);
}

void footsock_iio_unregister(struct footsock *fs)
{
	iio_device_unregister(fs->indio_dev);
}

s64 footsock_iio_time_ns(struct footsock *fs)
{
	return iio_get_time_ns(fs->indio_dev);
}

/* Called from the URB completion handler with fs->lock held. */
void footsock_iio_push(struct footsock *fs, const struct footsock_frame *frame,
		       s64 timestamp)
{
	struct footsock_scan scan;
	int i;

	if (!iio_buffer_enabled(fs->indio_dev))
		return;

	/* Zeroed whole: the padding before the timestamp reaches user space. */
	memset(&scan, 0, sizeof(scan));
	for (i = 0; i < FOOTSOCK_NUM_PRESSURE; i++)
		scan.pressure[i] = le16_to_cpu(frame->pressure[i]);
	for (i = 0; i < FOOTSOCK_NUM_TEMP; i++)
		scan.temp[i] = (s16)le16_to_cpu(frame->temp[i]);

	iio_push_to_buffers_with_ts(fs->indio_dev, &scan, sizeof(scan),
				    timestamp);
}
