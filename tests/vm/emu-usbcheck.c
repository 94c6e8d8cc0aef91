// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * emu-usbcheck: the host side of the footsock-emu checks, without the
 * footsock driver and without libusb: finds the sock in sysfs, talks to
 * it through usbfs (USBDEVFS_CONTROL, USBDEVFS_BULK, which usbfs also
 * uses for interrupt endpoints) and checks what comes back.
 *
 * Usage: emu-usbcheck [--serial S] [--frames N] [--rate HZ] [--pattern]
 *                     [--expect-stall-info] [--restart] [--no-stop]
 *
 * --frames N   START, read N frames and check them (CRC, version,
 *              sequence, device-clock spacing, --pattern), then STOP
 * --restart    then: START, stop reading for a second (the gadget's write
 *              blocks), STOP, check that STOP came back at once and no
 *              frame follows it, START again and check that seq restarts
 * --no-stop    leave the sock streaming (and its write blocked) on exit
 * Prints one line per check, exits 0 when all pass, 1 otherwise, 2 when
 * no sock is found.
 */
#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/usbdevice_fs.h>

#include "footsock_proto.h"

#define RT_VENDOR_IN	0xc1	/* device-to-host | vendor | interface */
#define RT_VENDOR_OUT	0x41

static int failures;

static void check(bool ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void check(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!ok)
		failures++;
}

static int read_sysfs(const char *dir, const char *name, char *buf, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/bus/usb/devices/%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(buf, (int)len, f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* /dev/bus/usb/BBB/DDD of the first sock (with that serial). */
static int find_sock(const char *serial, char *node, size_t len)
{
	char vid[16], pid[16], ser[64], bus[16], dev[16];
	struct dirent *de;
	DIR *d = opendir("/sys/bus/usb/devices");

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strchr(de->d_name, ':'))
			continue;
		if (read_sysfs(de->d_name, "idVendor", vid, sizeof(vid)) ||
		    read_sysfs(de->d_name, "idProduct", pid, sizeof(pid)))
			continue;
		if (strtoul(vid, NULL, 16) != FOOTSOCK_USB_VID ||
		    strtoul(pid, NULL, 16) != FOOTSOCK_USB_PID)
			continue;
		if (serial && (read_sysfs(de->d_name, "serial", ser, sizeof(ser)) ||
			       strcmp(ser, serial)))
			continue;
		if (read_sysfs(de->d_name, "busnum", bus, sizeof(bus)) ||
		    read_sysfs(de->d_name, "devnum", dev, sizeof(dev)))
			continue;
		snprintf(node, len, "/dev/bus/usb/%03d/%03d", atoi(bus), atoi(dev));
		printf("sock: %s at %s\n", de->d_name, node);
		closedir(d);
		return 0;
	}
	closedir(d);
	return -1;
}

static int control(int fd, uint8_t rt, uint8_t req, uint16_t value,
		   void *data, uint16_t len)
{
	struct usbdevfs_ctrltransfer ct = {
		.bRequestType = rt, .bRequest = req, .wValue = value,
		.wIndex = 0, .wLength = len, .timeout = 2000, .data = data,
	};

	return ioctl(fd, USBDEVFS_CONTROL, &ct);
}

static uint64_t off_us(uint64_t k, unsigned int rate)
{
	return (k / rate) * 1000000ull + (k % rate) * 1000000ull / rate;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool pattern_ok(const struct footsock_frame *f, uint32_t seq)
{
	uint32_t i;

	if (le16toh(f->pressure[0]) != (seq & 0xffff) ||
	    le16toh(f->pressure[1]) != (seq >> 16))
		return false;
	for (i = 2; i < FOOTSOCK_NUM_PRESSURE; i++)
		if (le16toh(f->pressure[i]) != ((seq * 31u + i * 977u) & 0xffff))
			return false;
	for (i = 0; i < FOOTSOCK_NUM_TEMP; i++)
		if (le16toh(f->temp[i]) != (uint16_t)(seq * 7u + i * 1001u - 3000u))
			return false;
	return true;
}

static void restart_check(int fd)
{
	unsigned char buf[1024];
	struct usbdevfs_bulktransfer bt = {
		.ep = 0x81, .len = sizeof(buf), .timeout = 2000, .data = buf,
	};
	const struct footsock_frame *f = (const void *)buf;
	double t0;
	int i, n;

	check(control(fd, RT_VENDOR_OUT, FOOTSOCK_REQ_START, 0, NULL, 0) == 0,
	      "START");
	for (i = 0; i < 10; i++)
		if (ioctl(fd, USBDEVFS_BULK, &bt) < 0)
			break;
	check(i == 10, "10 transfers read");
	sleep(1);	/* the host takes nothing: the gadget's write blocks */
	t0 = now_s();
	n = control(fd, RT_VENDOR_OUT, FOOTSOCK_REQ_STOP, 0, NULL, 0);
	check(n == 0 && now_s() - t0 < 1.0, "STOP while the write blocks took %.3f s",
	      now_s() - t0);
	bt.timeout = 500;
	n = ioctl(fd, USBDEVFS_BULK, &bt);
	check(n < 0 && errno == ETIMEDOUT, "no frame after STOP (%s)",
	      n < 0 ? strerror(errno) : "got data");
	bt.timeout = 2000;
	check(control(fd, RT_VENDOR_OUT, FOOTSOCK_REQ_START, 0, NULL, 0) == 0,
	      "START again");
	n = ioctl(fd, USBDEVFS_BULK, &bt);
	check(n >= FOOTSOCK_FRAME_SIZE && le32toh(f->seq) == 0,
	      "the first frame after START has seq 0 (%d bytes, seq %u)", n,
	      n >= FOOTSOCK_FRAME_SIZE ? le32toh(f->seq) : 0);
	check(control(fd, RT_VENDOR_OUT, FOOTSOCK_REQ_STOP, 0, NULL, 0) == 0,
	      "STOP");
}

static void stream_check(int fd, unsigned int rate, unsigned int frames,
			 bool pattern, bool stop)
{
	unsigned char buf[1024];
	struct usbdevfs_bulktransfer bt = {
		.ep = 0x81, .len = sizeof(buf), .timeout = 2000, .data = buf,
	};
	unsigned int got = 0, transfers = 0, maxbatch = 0, bad = 0;
	unsigned int badts = 0, badpat = 0, gaps = 0, leftovers = 0;
	uint64_t ts0 = 0;
	uint32_t expect = 0;
	double t0, t1;
	int n, i;

	check(control(fd, RT_VENDOR_OUT, FOOTSOCK_REQ_SET_RATE, (uint16_t)rate,
		      NULL, 0) == 0, "SET_RATE %u", rate);
	check(control(fd, RT_VENDOR_OUT, FOOTSOCK_REQ_START, 0, NULL, 0) == 0,
	      "START");
	t0 = now_s();
	while (got < frames) {
		n = ioctl(fd, USBDEVFS_BULK, &bt);
		if (n < 0) {
			check(false, "interrupt read after %u frames: %s", got,
			      strerror(errno));
			break;
		}
		transfers++;
		if (n % FOOTSOCK_FRAME_SIZE || n == 0) {
			bad++;
			continue;
		}
		if ((unsigned int)n / FOOTSOCK_FRAME_SIZE > maxbatch)
			maxbatch = (unsigned int)n / FOOTSOCK_FRAME_SIZE;
		for (i = 0; i < n / FOOTSOCK_FRAME_SIZE; i++) {
			const struct footsock_frame *f =
				(const void *)(buf + i * FOOTSOCK_FRAME_SIZE);
			uint32_t seq = le32toh(f->seq);
			uint64_t ts = le64toh(f->timestamp_us);

			if (f->version != FOOTSOCK_FRAME_VERSION ||
			    le16toh(f->crc) != footsock_crc16(f, FOOTSOCK_FRAME_CRC_LEN)) {
				bad++;
				continue;
			}
			/*
			 * A frame of the previous run can wait in dummy_hcd's
			 * one-packet FIFO through the STOP: the host drops
			 * such leftovers before the first frame of a run, as
			 * the driver does (docs/protocol.md section 5).
			 */
			if (got == 0 && seq >= 64 && leftovers < 64) {
				leftovers++;
				continue;
			}
			if (seq != expect)
				gaps++;
			if (got == 0)
				ts0 = ts - off_us(seq, rate);
			if (ts != ts0 + off_us(seq, rate))
				badts++;
			if (pattern && !pattern_ok(f, seq))
				badpat++;
			expect = seq + 1;
			got++;
		}
	}
	t1 = now_s();
	if (stop)
		check(control(fd, RT_VENDOR_OUT, FOOTSOCK_REQ_STOP, 0, NULL, 0) == 0,
		      "STOP");
	check(got >= frames, "%u frames in %u transfers (up to %u per transfer), %.1f frames/s",
	      got, transfers, maxbatch, got / (t1 - t0));
	check(bad == 0, "%u bad transfers or frames (length, version, CRC)", bad);
	if (leftovers)
		printf("note: %u frame(s) of the previous run dropped\n", leftovers);
	check(gaps == 0, "%u sequence gaps", gaps);
	check(badts == 0, "%u timestamps off t0 + k*1e6/rate", badts);
	if (pattern)
		check(badpat == 0, "%u frames differ from the test pattern", badpat);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "serial", required_argument, NULL, 's' },
		{ "frames", required_argument, NULL, 'n' },
		{ "rate", required_argument, NULL, 'r' },
		{ "pattern", no_argument, NULL, 'p' },
		{ "expect-stall-info", no_argument, NULL, 'S' },
		{ "restart", no_argument, NULL, 'R' },
		{ "no-stop", no_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 },
	};
	const char *serial = NULL;
	unsigned int frames = 0, rate = 200;
	bool pattern = false, stall_info = false, restart = false, stop = true;
	struct footsock_info info;
	struct usbdevfs_ioctl disc = { .ifno = 0, .ioctl_code = USBDEVFS_DISCONNECT };
	char node[64];
	unsigned int ifno = 0;
	int fd, n, c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			serial = optarg;
			break;
		case 'n':
			frames = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'r':
			rate = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'p':
			pattern = true;
			break;
		case 'S':
			stall_info = true;
			break;
		case 'R':
			restart = true;
			break;
		case 'N':
			stop = false;
			break;
		default:
			return 2;
		}
	}
	if (find_sock(serial, node, sizeof(node)) < 0) {
		fprintf(stderr, "emu-usbcheck: no USB device %04x:%04x\n",
			FOOTSOCK_USB_VID, FOOTSOCK_USB_PID);
		return 2;
	}
	fd = open(node, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "emu-usbcheck: %s: %s\n", node, strerror(errno));
		return 2;
	}
	/* take the interface from a kernel driver, if one has it */
	ioctl(fd, USBDEVFS_IOCTL, &disc);
	check(ioctl(fd, USBDEVFS_CLAIMINTERFACE, &ifno) == 0, "claim interface 0");

	memset(&info, 0, sizeof(info));
	n = control(fd, RT_VENDOR_IN, FOOTSOCK_REQ_GET_INFO, 0, &info,
		    sizeof(info));
	if (stall_info) {
		check(n < 0 && errno == EPIPE, "GET_INFO stalled");
	} else {
		check(n == (int)sizeof(info), "GET_INFO returned %d bytes", n);
		check(le32toh(info.magic) == FOOTSOCK_INFO_MAGIC &&
		      le16toh(info.proto_version) == FOOTSOCK_PROTO_VERSION &&
		      info.frame_size == FOOTSOCK_FRAME_SIZE &&
		      info.num_pressure == FOOTSOCK_NUM_PRESSURE &&
		      info.num_temp == FOOTSOCK_NUM_TEMP,
		      "info: serial %.16s foot %u fw %u.%u rate %u, calib[0] %u/%u %+d",
		      info.serial, info.foot, le16toh(info.fw_version) >> 8,
		      le16toh(info.fw_version) & 0xff, le16toh(info.rate_hz),
		      le32toh(info.calib[0].scale_num),
		      le32toh(info.calib[0].scale_den),
		      (int32_t)le32toh(info.calib[0].offset));
	}
	n = control(fd, RT_VENDOR_OUT, FOOTSOCK_REQ_SET_RATE, 2000, NULL, 0);
	check(n < 0 && errno == EPIPE, "SET_RATE 2000 stalled");
	n = control(fd, RT_VENDOR_OUT, 0x7e, 0, NULL, 0);
	check(n < 0 && errno == EPIPE, "unknown request 0x7e stalled");
	if (frames)
		stream_check(fd, rate, frames, pattern, stop);
	if (restart)
		restart_check(fd);
	if (stop)
		ioctl(fd, USBDEVFS_RELEASEINTERFACE, &ifno);
	close(fd);
	printf("%s: %d failures\n", failures ? "FAIL" : "PASS", failures);
	return failures ? 1 : 0;
}
