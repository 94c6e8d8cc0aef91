// SPDX-License-Identifier: GPL-2.0
/*
 * footsock: the IIO half of the driver. One IIO device per sock with 16
 * pressure and 6 temperature channels, a kfifo buffer fed from the URB
 * completion handler in footsock_usb.c, the foot as the device's label,
 * the serial number, tare, and the stream's counters in debugfs.
 */

#include <linux/bits.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/wait.h>
#include <linux/iio/buffer.h>
#include <linux/iio/iio.h>
#include <linux/iio/kfifo_buf.h>
#include <linux/iio/sysfs.h>

#include "footsock.h"

/*
 * How long a read of a raw value waits for a frame: START, one sample
 * period (20 ms at the slowest rate), and transfer latency, which reaches
 * tens of milliseconds on a loaded host.
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

/* debugfs/footsock/, one directory per device in it */
static struct dentry *footsock_debugfs_root;

static struct footsock *footsock_from_dev(struct device *dev)
{
	return iio_priv(dev_to_iio_dev(dev));
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
 * A raw value is never stale: it is the newest frame of a running stream.
 * With the buffer enabled that is the buffer's stream. Otherwise the first
 * read starts the sock and waits for a frame (a sample period and a few USB
 * round trips), and the stream runs on until no read came for
 * FOOTSOCK_RAW_IDLE_MS, so that reading every channel costs one start.
 */
static int footsock_read_sample(struct iio_dev *indio_dev,
				const struct iio_chan_spec *chan, int *val)
{
	struct footsock *fs = iio_priv(indio_dev);
	int ret;

	if (!iio_device_claim_direct(indio_dev))
		return footsock_wait_latest(fs, chan->scan_index, val);

	ret = footsock_raw_stream_get(fs);
	if (!ret)
		ret = footsock_wait_latest(fs, chan->scan_index, val);
	iio_device_release_direct(indio_dev);
	return ret;
}

static int footsock_read_raw(struct iio_dev *indio_dev,
			     const struct iio_chan_spec *chan,
			     int *val, int *val2, long mask)
{
	struct footsock *fs = iio_priv(indio_dev);
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
	struct footsock *fs = iio_priv(indio_dev);
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

/* Fixed at probe: a reset that finds another sock ends in a new probe. */
static ssize_t serialnumber_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", footsock_from_dev(dev)->serial);
}
static DEVICE_ATTR_RO(serialnumber);

/*
 * The sock zeroes its pressure sensors at the present load and reports new
 * offsets, read back here: in_pressureY_offset changes, raw values do not.
 */
static ssize_t tare_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t len)
{
	bool val;
	int ret;

	ret = kstrtobool(buf, &val);
	if (ret)
		return ret;
	if (!val)
		return -EINVAL;

	ret = footsock_tare(footsock_from_dev(dev));
	return ret ? ret : len;
}
static DEVICE_ATTR_WO(tare);

static struct attribute *footsock_attrs[] = {
	&dev_attr_serialnumber.attr,
	&dev_attr_tare.attr,
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
	return footsock_stream_start(iio_priv(indio_dev));
}

static int footsock_buffer_predisable(struct iio_dev *indio_dev)
{
	footsock_stream_stop(iio_priv(indio_dev));
	return 0;
}

static const struct iio_buffer_setup_ops footsock_buffer_ops = {
	.postenable = footsock_buffer_postenable,
	.predisable = footsock_buffer_predisable,
};

static int footsock_counter_get(void *data, u64 *val)
{
	*val = atomic64_read(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(footsock_counter_fops, footsock_counter_get, NULL,
			 "%llu\n");

static int footsock_firmware_show(struct seq_file *s, void *unused)
{
	struct footsock *fs = s->private;

	seq_printf(s, "%u.%u\n", fs->fw_version >> 8, fs->fw_version & 0xff);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(footsock_firmware);

/*
 * Counters of the stream, for debugging and tests: not ABI. Removed in
 * footsock_iio_unregister() before the private data can go.
 */
static void footsock_debugfs_add(struct footsock *fs)
{
	struct dentry *dir;

	dir = debugfs_create_dir(dev_name(&fs->indio_dev->dev),
				 footsock_debugfs_root);
	fs->debugfs = dir;
	debugfs_create_file_unsafe("frames", 0444, dir, &fs->stats.frames,
				   &footsock_counter_fops);
	debugfs_create_file_unsafe("sequence_gaps", 0444, dir,
				   &fs->stats.sequence_gaps,
				   &footsock_counter_fops);
	debugfs_create_file_unsafe("crc_errors", 0444, dir,
				   &fs->stats.crc_errors,
				   &footsock_counter_fops);
	debugfs_create_file_unsafe("short_transfers", 0444, dir,
				   &fs->stats.short_transfers,
				   &footsock_counter_fops);
	debugfs_create_file_unsafe("urb_errors", 0444, dir,
				   &fs->stats.urb_errors,
				   &footsock_counter_fops);
	debugfs_create_file("firmware_version", 0444, dir, fs,
			    &footsock_firmware_fops);
}

void footsock_debugfs_init(void)
{
	footsock_debugfs_root = debugfs_create_dir(KBUILD_MODNAME, NULL);
}

void footsock_debugfs_exit(void)
{
	debugfs_remove_recursive(footsock_debugfs_root);
}

/*
 * struct footsock is the IIO device's private data, and the IIO device
 * and its buffer are device-managed on the USB interface: all of it is
 * freed after footsock_disconnect() returns, or later if user space still
 * holds the device open. The IIO core calls no driver callback after
 * footsock_iio_unregister(), which disconnect calls first.
 */
struct footsock *footsock_iio_alloc(struct usb_interface *intf)
{
	struct iio_dev *indio_dev;
	struct footsock *fs;

	indio_dev = devm_iio_device_alloc(&intf->dev, sizeof(*fs));
	if (!indio_dev)
		return NULL;

	fs = iio_priv(indio_dev);
	fs->indio_dev = indio_dev;
	return fs;
}

int footsock_iio_register(struct footsock *fs)
{
	struct iio_dev *indio_dev = fs->indio_dev;
	int ret;

	indio_dev->name = "footsock";
	indio_dev->label = fs->foot == FOOTSOCK_FOOT_LEFT ? "left" : "right";
	indio_dev->info = &footsock_iio_info;
	indio_dev->modes = INDIO_DIRECT_MODE;
	indio_dev->channels = footsock_channels;
	indio_dev->num_channels = ARRAY_SIZE(footsock_channels);
	indio_dev->available_scan_masks = footsock_scan_masks;

	ret = devm_iio_kfifo_buffer_setup(&fs->intf->dev, indio_dev,
					  &footsock_buffer_ops);
	if (ret)
		return ret;

	fs->iio_id = iio_device_id(indio_dev);
	ret = iio_device_register(indio_dev);
	if (ret)
		return ret;

	footsock_debugfs_add(fs);
	return 0;
}

void footsock_iio_unregister(struct footsock *fs)
{
	debugfs_remove_recursive(fs->debugfs);
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
