/* SPDX-License-Identifier: GPL-2.0 */
/*
 * footsock: every kernel-version difference the driver meets, in one place.
 *
 * The driver is written against the current mainline API (6.18). Each shim
 * below maps that API onto an older kernel and names the release that
 * introduced the real thing, so dropping support for old kernels means
 * deleting a block here and nothing in the .c files. kernel/Kbuild
 * force-includes this header (-include): the .c files do not name it, so
 * they are the driver as it goes upstream.
 *
 * APIs checked and found identical on 6.1, 6.12 and 6.18, so not shimmed:
 * devm_iio_kfifo_buffer_setup() (three arguments since 5.19),
 * iio_info.read_label(), usb_driver.probe/disconnect/pre_reset/post_reset,
 * usb_find_common_endpoints(), aligned_s64.
 */
#ifndef FOOTSOCK_COMPAT_H
#define FOOTSOCK_COMPAT_H

#include <linux/version.h>
#include <linux/iio/iio.h>
#include <linux/iio/buffer.h>

/* True when building for a kernel older than major.minor. */
#define FOOTSOCK_KERNEL_BEFORE(major, minor) \
	(KERNEL_VERSION(major, minor, 0) > LINUX_VERSION_CODE)

/*
 * 6.15 added iio_device_claim_direct()/iio_device_release_direct(), which
 * return bool and carry sparse lock annotations; the old _mode() pair only
 * ever failed with -EBUSY, so the mapping is exact.
 */
#if FOOTSOCK_KERNEL_BEFORE(6, 15)
static inline bool iio_device_claim_direct(struct iio_dev *indio_dev)
{
	if (iio_device_claim_direct_mode(indio_dev))
		return false;

	__acquire(indio_dev);
	return true;
}

static inline void iio_device_release_direct(struct iio_dev *indio_dev)
{
	iio_device_release_direct_mode(indio_dev);
	__release(indio_dev);
}
#endif

/*
 * 6.16 added iio_push_to_buffers_with_ts(), which also takes the size of the
 * scan storage so the core can check it. Older kernels trust the caller;
 * the driver passes sizeof() of its scan struct, so nothing is lost.
 */
#if FOOTSOCK_KERNEL_BEFORE(6, 16)
static inline int iio_push_to_buffers_with_ts(struct iio_dev *indio_dev,
					      void *data, size_t data_total_len,
					      s64 timestamp)
{
	if (unlikely(data_total_len < indio_dev->scan_bytes))
		return -ENOSPC;

	return iio_push_to_buffers_with_timestamp(indio_dev, data, timestamp);
}
#endif

#endif /* FOOTSOCK_COMPAT_H */
