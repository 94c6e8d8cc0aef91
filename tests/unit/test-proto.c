// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The wire format in kernel/footsock_proto.h: layout and CRC, checked
 * against values computed independently of the header.
 */
#include <stddef.h>
#include <string.h>

#include "kselftest_harness.h"
#include "footsock_proto.h"

/* The check value of CRC-16/IBM-3740 from the CRC catalogue. */
TEST(crc16_catalogue_check_value)
{
	const char *check = "123456789";

	EXPECT_EQ(0x29b1, footsock_crc16(check, strlen(check)));
}

TEST(crc16_of_nothing_is_init)
{
	EXPECT_EQ(0xffff, footsock_crc16("", 0));
}

TEST(crc16_detects_single_bit_flips)
{
	unsigned char frame[FOOTSOCK_FRAME_CRC_LEN];
	unsigned int byte, bit;
	__u16 good;

	for (byte = 0; byte < sizeof(frame); byte++)
		frame[byte] = (unsigned char)(byte * 37 + 11);
	good = footsock_crc16(frame, sizeof(frame));
	for (byte = 0; byte < sizeof(frame); byte++) {
		for (bit = 0; bit < 8; bit++) {
			frame[byte] ^= (unsigned char)(1u << bit);
			ASSERT_NE(good, footsock_crc16(frame, sizeof(frame)));
			frame[byte] ^= (unsigned char)(1u << bit);
		}
	}
}

/* Offsets as docs/protocol.md specifies them byte by byte. */
TEST(frame_layout)
{
	EXPECT_EQ(0, offsetof(struct footsock_frame, version));
	EXPECT_EQ(2, offsetof(struct footsock_frame, seq));
	EXPECT_EQ(6, offsetof(struct footsock_frame, timestamp_us));
	EXPECT_EQ(14, offsetof(struct footsock_frame, pressure));
	EXPECT_EQ(46, offsetof(struct footsock_frame, temp));
	EXPECT_EQ(58, offsetof(struct footsock_frame, faults));
	EXPECT_EQ(62, offsetof(struct footsock_frame, crc));
	EXPECT_EQ(FOOTSOCK_FRAME_SIZE, sizeof(struct footsock_frame));
}

TEST(info_layout)
{
	EXPECT_EQ(0, offsetof(struct footsock_info, magic));
	EXPECT_EQ(4, offsetof(struct footsock_info, proto_version));
	EXPECT_EQ(6, offsetof(struct footsock_info, fw_version));
	EXPECT_EQ(8, offsetof(struct footsock_info, serial));
	EXPECT_EQ(24, offsetof(struct footsock_info, foot));
	EXPECT_EQ(28, offsetof(struct footsock_info, rate_hz));
	EXPECT_EQ(32, offsetof(struct footsock_info, calib));
	EXPECT_EQ(12, sizeof(struct footsock_calib));
	EXPECT_EQ(FOOTSOCK_INFO_SIZE, sizeof(struct footsock_info));
}

/* The magic reads "FOSK" in a hex dump of the reply. */
TEST(info_magic_bytes)
{
	const unsigned char wire[4] = { 'F', 'O', 'S', 'K' };
	__u32 v = (__u32)wire[0] | (__u32)wire[1] << 8 |
		  (__u32)wire[2] << 16 | (__u32)wire[3] << 24;

	EXPECT_EQ(FOOTSOCK_INFO_MAGIC, v);
}

TEST_HARNESS_MAIN
