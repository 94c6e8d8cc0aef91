/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * footsock sensor sock: USB wire protocol.
 *
 * Everything on the wire is little-endian and packed. Plain C with no
 * kernel-only or libc-only helpers, so that the sock's firmware and user
 * space tools can share the definitions.
 */
#ifndef FOOTSOCK_PROTO_H
#define FOOTSOCK_PROTO_H

#include <linux/types.h>
#ifdef __KERNEL__
#include <linux/build_bug.h>
#else
#include <assert.h>	/* static_assert; userspace builds define __packed */
#endif

/* pid.codes open-hardware vendor ID and its test product ID. */
#define FOOTSOCK_USB_VID		0x1209
#define FOOTSOCK_USB_PID		0x0001

/* The vendor-specific interface that identifies a sock. */
#define FOOTSOCK_IF_CLASS		0xff
#define FOOTSOCK_IF_SUBCLASS		0xf5
#define FOOTSOCK_IF_PROTOCOL		0x01

#define FOOTSOCK_PROTO_VERSION		1
#define FOOTSOCK_INFO_MAGIC		0x4b534f46	/* "FOSK" on the wire */

#define FOOTSOCK_NUM_PRESSURE		16
#define FOOTSOCK_NUM_TEMP		6
#define FOOTSOCK_NUM_CHANNELS		(FOOTSOCK_NUM_PRESSURE + FOOTSOCK_NUM_TEMP)

#define FOOTSOCK_RATE_MIN_HZ		50
#define FOOTSOCK_RATE_MAX_HZ		1000
#define FOOTSOCK_RATE_DEFAULT_HZ	200

#define FOOTSOCK_SERIAL_LEN		16

/*
 * Vendor control requests, bmRequestType = vendor | interface recipient,
 * wIndex = interface number. GET_INFO is device-to-host; the others are
 * host-to-device with no data stage.
 */
enum footsock_request {
	FOOTSOCK_REQ_GET_INFO	= 0x01,	/* wValue 0, wLength sizeof(info) */
	FOOTSOCK_REQ_SET_RATE	= 0x02,	/* wValue = rate in Hz */
	FOOTSOCK_REQ_START	= 0x03,
	FOOTSOCK_REQ_STOP	= 0x04,
	FOOTSOCK_REQ_TARE	= 0x05,	/* zero the pressure offsets */
};

enum footsock_foot {
	FOOTSOCK_FOOT_LEFT	= 0,
	FOOTSOCK_FOOT_RIGHT	= 1,
};

/*
 * Per-channel calibration: value in IIO units (kPa, milli-degree Celsius) =
 * (raw + offset) * scale_num / scale_den.
 */
struct footsock_calib {
	__le32 scale_num;
	__le32 scale_den;
	__le32 offset;		/* two's complement, raw counts */
} __packed;

/* GET_INFO reply: 296 bytes. */
struct footsock_info {
	__le32 magic;		/* FOOTSOCK_INFO_MAGIC */
	__le16 proto_version;	/* FOOTSOCK_PROTO_VERSION */
	__le16 fw_version;	/* major << 8 | minor */
	__u8 serial[FOOTSOCK_SERIAL_LEN];	/* printable ASCII, NUL padded */
	__u8 foot;		/* enum footsock_foot */
	__u8 num_pressure;	/* FOOTSOCK_NUM_PRESSURE */
	__u8 num_temp;		/* FOOTSOCK_NUM_TEMP */
	__u8 frame_size;	/* sizeof(struct footsock_frame) */
	__le16 rate_hz;		/* current sampling rate */
	__le16 reserved;	/* zero */
	struct footsock_calib calib[FOOTSOCK_NUM_CHANNELS];
} __packed;

/* Sensor-fault bits: bit n = pressure channel n, bit 16 + n = temperature n. */
#define FOOTSOCK_FAULT_PRESSURE(n)	(1u << (n))
#define FOOTSOCK_FAULT_TEMP(n)		(1u << (FOOTSOCK_NUM_PRESSURE + (n)))

#define FOOTSOCK_FRAME_VERSION		1

/*
 * One sample of every channel: 64 bytes. An interrupt IN transfer carries
 * 1 to maxpacket / 64 whole frames (16 at high speed, 1 at full speed).
 */
struct footsock_frame {
	__u8 version;		/* FOOTSOCK_FRAME_VERSION */
	__u8 reserved;		/* zero */
	__le32 seq;		/* +1 per frame since START, wraps */
	__le64 timestamp_us;	/* device clock, microseconds */
	__le16 pressure[FOOTSOCK_NUM_PRESSURE];	/* unsigned raw counts */
	__le16 temp[FOOTSOCK_NUM_TEMP];		/* signed raw counts */
	__le32 faults;		/* FOOTSOCK_FAULT_* */
	__le16 crc;		/* CRC-16/IBM-3740 of bytes 0..61 */
} __packed;

#define FOOTSOCK_FRAME_SIZE		64
#define FOOTSOCK_FRAME_CRC_LEN		(FOOTSOCK_FRAME_SIZE - 2)
#define FOOTSOCK_INFO_SIZE		296

static_assert(sizeof(struct footsock_frame) == FOOTSOCK_FRAME_SIZE,
	      "footsock_frame is 64 bytes on the wire");
static_assert(sizeof(struct footsock_info) == FOOTSOCK_INFO_SIZE,
	      "footsock_info is 296 bytes on the wire");

/*
 * CRC-16/IBM-3740 (also "CCITT-FALSE"): polynomial 0x1021, not reflected,
 * initial value 0xffff, no final xor. The kernel's crc_itu_t(0xffff, ...)
 * computes the same; this bitwise form is for userspace.
 */
static inline __u16 footsock_crc16(const void *buf, unsigned long len)
{
	const __u8 *p = buf;
	__u16 crc = 0xffff;
	int bit;

	while (len--) {
		crc ^= (__u16)(*p++ << 8);
		for (bit = 0; bit < 8; bit++)
			crc = (crc & 0x8000) ? (__u16)((crc << 1) ^ 0x1021) :
					       (__u16)(crc << 1);
	}
	return crc;
}

#endif /* FOOTSOCK_PROTO_H */
