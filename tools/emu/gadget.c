// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu: the USB gadget.
 *
 * configfs: /sys/kernel/config/usb_gadget/footsock-PID with the sock's
 * VID/PID and strings, one configuration, one FunctionFS function. The
 * FunctionFS instance is mounted on a private temporary directory; the
 * descriptors (full and high speed) and strings go to ep0, then the
 * gadget binds to a UDC. ep0 answers the vendor requests of
 * kernel/footsock_proto.h; everything else is stalled.
 */
#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/usb/ch9.h>
#include <linux/usb/functionfs.h>

#include "emu.h"
#include "gadget.h"

#define CONFIGFS	"/sys/kernel/config"
#define GADGETS		CONFIGFS "/usb_gadget"
#define UDC_CLASS	"/sys/class/udc"

enum {
	MADE_GADGET = 1 << 0,
	MADE_STRINGS = 1 << 1,
	MADE_CONFIG = 1 << 2,
	MADE_CONFIG_STRINGS = 1 << 3,
	MADE_FUNCTION = 1 << 4,
	MADE_LINK = 1 << 5,
	MADE_MNTDIR = 1 << 6,
	MADE_MOUNT = 1 << 7,
};

/* --- descriptors ------------------------------------------------------- */

static uint8_t *put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
	return p + 4;
}

struct ep_shape {
	uint8_t addr, attr, interval;
	uint16_t maxp;
};

static uint8_t *put_set(uint8_t *p, enum emu_desc_fault v, bool hs)
{
	struct ep_shape ep = {
		.addr = USB_DIR_IN | 1,
		.attr = USB_ENDPOINT_XFER_INT,
		.interval = hs ? EMU_HS_INTERVAL : EMU_FS_INTERVAL,
		.maxp = hs ? EMU_HS_MAXPACKET : EMU_FS_MAXPACKET,
	};
	uint8_t cls = FOOTSOCK_IF_CLASS, sub = FOOTSOCK_IF_SUBCLASS;
	uint8_t proto = FOOTSOCK_IF_PROTOCOL, neps = 1, i;

	switch (v) {
	case EMU_DESC_WRONGCLASS:
		cls = 0xdc;	/* diagnostic device: no driver takes it */
		break;
	case EMU_DESC_WRONGSUBCLASS:
		sub = 0x00;
		break;
	case EMU_DESC_WRONGPROTOCOL:
		proto = 0x02;
		break;
	case EMU_DESC_NOENDPOINT:
		neps = 0;
		break;
	case EMU_DESC_BULK:
		ep.attr = USB_ENDPOINT_XFER_BULK;
		ep.maxp = hs ? 512 : 64;
		ep.interval = 0;
		break;
	case EMU_DESC_OUTENDPOINT:
		ep.addr = USB_DIR_OUT | 1;
		break;
	case EMU_DESC_SMALLMAXP:
		ep.maxp = 8;
		break;
	case EMU_DESC_ODDMAXP:
		ep.maxp = hs ? 100 : 40;
		break;
	case EMU_DESC_HIGHBW:
		if (hs)
			ep.maxp = EMU_HS_MAXPACKET | 1 << 11;	/* 2 per uframe */
		break;
	case EMU_DESC_TWOENDPOINTS:
		neps = 2;
		break;
	case EMU_DESC_BIGMAXP:
		if (hs)
			ep.maxp = EMU_HS_MAXPACKET + 64;
		break;
	case EMU_DESC_MAXP1025:
		if (hs)
			ep.maxp = EMU_HS_MAXPACKET + 1;
		break;
	case EMU_DESC_MAXP1023:
		if (hs)
			ep.maxp = EMU_HS_MAXPACKET - 1;
		break;
	case EMU_DESC_EXTRAEPS:
		neps = 3;
		break;
	default:
		break;
	}

	*p++ = USB_DT_INTERFACE_SIZE;
	*p++ = USB_DT_INTERFACE;
	*p++ = 0;		/* bInterfaceNumber */
	*p++ = 0;		/* bAlternateSetting */
	*p++ = neps;
	*p++ = cls;
	*p++ = sub;
	*p++ = proto;
	*p++ = 1;		/* iInterface */
	for (i = 0; i < neps; i++) {
		struct ep_shape e = ep;

		e.addr = (uint8_t)(ep.addr + i);
		/* extraeps: ep2 interrupt OUT, ep3 bulk IN after the IN */
		if (v == EMU_DESC_EXTRAEPS && i == 1) {
			e.addr = USB_DIR_OUT | 2;
		} else if (v == EMU_DESC_EXTRAEPS && i == 2) {
			e.attr = USB_ENDPOINT_XFER_BULK;
			e.maxp = hs ? 512 : 64;
			e.interval = 0;
		}
		*p++ = USB_DT_ENDPOINT_SIZE;
		*p++ = USB_DT_ENDPOINT;
		*p++ = e.addr;
		*p++ = e.attr;
		*p++ = (uint8_t)e.maxp;
		*p++ = (uint8_t)(e.maxp >> 8);
		*p++ = e.interval;
	}
	return p;
}

size_t gadget_build_descriptors(uint8_t *buf, size_t cap,
				enum emu_desc_fault v)
{
	uint32_t count = v == EMU_DESC_NOENDPOINT ? 1 :
			 v == EMU_DESC_TWOENDPOINTS ? 3 :
			 v == EMU_DESC_EXTRAEPS ? 4 : 2;
	uint8_t *p = buf;

	/* header 20 bytes + 2 sets of at most 9 + 3 * 7 */
	if (cap < 20 + 2 * (9 + 3 * 7))
		return 0;
	p = put_le32(p, FUNCTIONFS_DESCRIPTORS_MAGIC_V2);
	p = put_le32(p, 0);	/* length, below */
	p = put_le32(p, FUNCTIONFS_HAS_FS_DESC | FUNCTIONFS_HAS_HS_DESC);
	p = put_le32(p, count);
	p = put_le32(p, count);
	p = put_set(p, v, false);
	p = put_set(p, v, true);
	put_le32(buf + 4, (uint32_t)(p - buf));
	return (size_t)(p - buf);
}

size_t gadget_build_strings(uint8_t *buf, size_t cap)
{
	static const char str[] = EMU_INTERFACE;
	size_t len = 16 + 2 + sizeof(str);
	uint8_t *p = buf;

	if (cap < len)
		return 0;
	p = put_le32(p, FUNCTIONFS_STRINGS_MAGIC);
	p = put_le32(p, (uint32_t)len);
	p = put_le32(p, 1);	/* str_count */
	p = put_le32(p, 1);	/* lang_count */
	*p++ = 0x09;		/* en-US, little-endian */
	*p++ = 0x04;
	memcpy(p, str, sizeof(str));
	return len;
}

/* --- GET_INFO ------------------------------------------------------------ */

size_t emu_info_build(struct footsock_info *info,
		      const struct emu_device *d, unsigned int rate,
		      bool tared, enum emu_info_fault variant)
{
	size_t len = sizeof(*info);
	int ch;

	memset(info, 0, sizeof(*info));
	info->magic = htole32(FOOTSOCK_INFO_MAGIC);
	info->proto_version = htole16(FOOTSOCK_PROTO_VERSION);
	info->fw_version = htole16(EMU_FW_VERSION);
	memcpy(info->serial, d->serial, strnlen(d->serial, FOOTSOCK_SERIAL_LEN));
	info->foot = (uint8_t)d->foot;
	info->num_pressure = FOOTSOCK_NUM_PRESSURE;
	info->num_temp = FOOTSOCK_NUM_TEMP;
	info->frame_size = FOOTSOCK_FRAME_SIZE;
	info->rate_hz = htole16((uint16_t)rate);
	for (ch = 0; ch < EMU_NCH; ch++) {
		int32_t off = ch < EMU_NP && tared ? 0 : d->calib->offset[ch];

		info->calib[ch].scale_num = htole32((uint32_t)d->calib->num[ch]);
		info->calib[ch].scale_den = htole32((uint32_t)d->calib->den[ch]);
		info->calib[ch].offset = htole32((uint32_t)off);
	}

	switch (variant) {
	case EMU_INFO_BADMAGIC:
		info->magic = htole32(0x4b534f47);
		break;
	case EMU_INFO_BADVERSION:
		info->proto_version = htole16(FOOTSOCK_PROTO_VERSION + 1);
		break;
	case EMU_INFO_SHORT:
		len = 100;
		break;
	case EMU_INFO_ZEROCOUNTS:
		info->num_pressure = 0;
		info->num_temp = 0;
		break;
	case EMU_INFO_BIGCOUNTS:
		info->num_pressure = FOOTSOCK_NUM_PRESSURE + 1;
		info->num_temp = FOOTSOCK_NUM_TEMP + 1;
		break;
	case EMU_INFO_BADFRAMESIZE:
		info->frame_size = 32;
		break;
	case EMU_INFO_BADFOOT:
		info->foot = 7;
		break;
	case EMU_INFO_ZEROSCALE:
		info->calib[0].scale_den = 0;
		info->calib[EMU_NP].scale_num = 0;
		break;
	case EMU_INFO_BADRATE:
		info->rate_hz = htole16(5000);
		break;
	case EMU_INFO_BADSERIAL:
		for (ch = 0; ch < FOOTSOCK_SERIAL_LEN; ch++)
			info->serial[ch] = (uint8_t)(ch & 1 ? 0xff : 0x01 + ch);
		break;
	case EMU_INFO_EMPTYSERIAL:
		memset(info->serial, 0, FOOTSOCK_SERIAL_LEN);
		break;
	case EMU_INFO_NULSERIAL:
		memset(info->serial, 0, FOOTSOCK_SERIAL_LEN);
		memcpy(info->serial, "FS\0" "0001", 7);
		break;
	case EMU_INFO_LOWRATE:
		info->rate_hz = htole16(FOOTSOCK_RATE_MIN_HZ - 1);
		break;
	case EMU_INFO_BIGSCALE:
		info->calib[2].scale_num = htole32(UINT32_C(1) << 31);
		break;
	case EMU_INFO_BIGDEN:
		info->calib[EMU_NP + 3].scale_den = htole32(UINT32_C(1) << 31);
		break;
	case EMU_INFO_LONG:
		len = EMU_INFO_LONG_LEN;	/* the caller cuts it to wLength */
		break;
	case EMU_INFO_TRUNCATED:
		len = sizeof(*info) - 1;
		break;
	case EMU_INFO_MAXOFFSET:
	case EMU_INFO_MINOFFSET:
		for (ch = 0; ch < EMU_NCH; ch++)
			info->calib[ch].offset = htole32(variant == EMU_INFO_MAXOFFSET ?
							 UINT32_C(0x7fffffff) :
							 UINT32_C(0x80000000));
		break;
	case EMU_INFO_TINYSCALE:
	case EMU_INFO_HUGESCALE:
		for (ch = 0; ch < EMU_NCH; ch++) {
			bool tiny = variant == EMU_INFO_TINYSCALE;

			info->calib[ch].scale_num = htole32(tiny ? 1 : 0x7fffffff);
			info->calib[ch].scale_den = htole32(tiny ? 0x7fffffff : 1);
		}
		break;
	case EMU_INFO_MAXDEN:
		info->calib[EMU_NP].scale_den = htole32(UINT32_MAX);
		break;
	case EMU_INFO_LONGSERIAL:
		memcpy(info->serial, "FS-0123456789ABC", FOOTSOCK_SERIAL_LEN);
		break;
	case EMU_INFO_DELSERIAL:
		memset(info->serial, 0, FOOTSOCK_SERIAL_LEN);
		memcpy(info->serial, "FS-\x7f" "01", 6);
		break;
	case EMU_INFO_UTF8SERIAL:
		memset(info->serial, 0, FOOTSOCK_SERIAL_LEN);
		memcpy(info->serial, "FS-\xc3\xa9" "01", 7);
		break;
	case EMU_INFO_MINRATE:
		info->rate_hz = htole16(FOOTSOCK_RATE_MIN_HZ);
		break;
	case EMU_INFO_MAXRATE:
		info->rate_hz = htole16(FOOTSOCK_RATE_MAX_HZ);
		break;
	case EMU_INFO_HIGHRATE:
		info->rate_hz = htole16(FOOTSOCK_RATE_MAX_HZ + 1);
		break;
	case EMU_INFO_MAXCOUNTS:
		info->num_pressure = 255;
		info->num_temp = 255;
		break;
	case EMU_INFO_RESERVED:
		info->reserved = htole16(0xffff);
		break;
	default:
		break;
	}
	return len;
}

/* --- configfs ------------------------------------------------------------ */

static int write_attr(const char *dir, const char *name, const char *value,
		      char *err, size_t errlen)
{
	char path[512];
	size_t len = strlen(value);
	ssize_t n;
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		emu_set_err(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return ret;
	}
	n = write(fd, value, len);
	if (n != (ssize_t)len) {
		ret = n < 0 ? -errno : -EIO;
		emu_set_err(err, errlen, "cannot write '%s' to %s: %s", value, path,
			strerror(-ret));
	}
	close(fd);
	return ret;
}

static int make_dir(const char *path, char *err, size_t errlen)
{
	if (mkdir(path, 0755) < 0) {
		int ret = -errno;

		emu_set_err(err, errlen, "cannot create %s: %s", path, strerror(errno));
		return ret;
	}
	return 0;
}

static int ensure_configfs(char *err, size_t errlen)
{
	struct stat st;

	if (stat(GADGETS, &st) == 0)
		return 0;
	if (stat(CONFIGFS, &st) < 0) {
		emu_set_err(err, errlen,
			"%s is missing: load the gadget modules first (modprobe libcomposite usb_f_fs)",
			CONFIGFS);
		return -ENODEV;
	}
	/* configfs may just not be mounted yet */
	if (mount("none", CONFIGFS, "configfs", 0, NULL) < 0 && errno != EBUSY) {
		int ret = -errno;

		emu_set_err(err, errlen, "cannot mount configfs on %s: %s", CONFIGFS,
			strerror(errno));
		return ret;
	}
	if (stat(GADGETS, &st) < 0) {
		emu_set_err(err, errlen,
			"%s is missing: load the gadget modules first (modprobe libcomposite usb_f_fs)",
			GADGETS);
		return -ENODEV;
	}
	return 0;
}

static int write_all(int fd, const void *buf, size_t len)
{
	ssize_t n = write(fd, buf, len);

	if (n == (ssize_t)len)
		return 0;
	return n < 0 ? -errno : -EIO;
}

int gadget_create(struct gadget *g, const char *serial,
		  enum emu_desc_fault desc, char *err, size_t errlen)
{
	char path[512], target[512];
	uint8_t blob[256];
	size_t len;
	int ret;

	memset(g, 0, sizeof(*g));
	g->ep0 = -1;
	g->ep_in = -1;
	g->desc = desc;
	snprintf(g->name, sizeof(g->name), "footsock-%ld", (long)getpid());
	snprintf(g->dir, sizeof(g->dir), "%s/%s", GADGETS, g->name);

	ret = ensure_configfs(err, errlen);
	if (ret < 0)
		return ret;
	ret = make_dir(g->dir, err, errlen);
	if (ret < 0)
		return ret;
	g->made |= MADE_GADGET;
	if ((ret = write_attr(g->dir, "idVendor", "0x1209", err, errlen)) < 0 ||
	    (ret = write_attr(g->dir, "idProduct", "0x0001", err, errlen)) < 0 ||
	    (ret = write_attr(g->dir, "bcdDevice", "0x0100", err, errlen)) < 0 ||
	    (ret = write_attr(g->dir, "bcdUSB", "0x0200", err, errlen)) < 0)
		return ret;
	_Static_assert(FOOTSOCK_USB_VID == 0x1209 && FOOTSOCK_USB_PID == 0x0001,
		       "idVendor/idProduct strings follow the header");
	/* high speed at most: the function has no SuperSpeed descriptors */
	write_attr(g->dir, "max_speed", "high-speed", NULL, 0);

	snprintf(path, sizeof(path), "%s/strings/0x409", g->dir);
	ret = make_dir(path, err, errlen);
	if (ret < 0)
		return ret;
	g->made |= MADE_STRINGS;
	if ((ret = write_attr(path, "manufacturer", EMU_MANUFACTURER, err, errlen)) < 0 ||
	    (ret = write_attr(path, "product", EMU_PRODUCT, err, errlen)) < 0 ||
	    (ret = write_attr(path, "serialnumber", serial, err, errlen)) < 0)
		return ret;

	snprintf(path, sizeof(path), "%s/configs/c.1", g->dir);
	ret = make_dir(path, err, errlen);
	if (ret < 0)
		return ret;
	g->made |= MADE_CONFIG;
	ret = write_attr(path, "MaxPower", "100", err, errlen);
	if (ret < 0)
		return ret;
	snprintf(path, sizeof(path), "%s/configs/c.1/strings/0x409", g->dir);
	ret = make_dir(path, err, errlen);
	if (ret < 0)
		return ret;
	g->made |= MADE_CONFIG_STRINGS;
	ret = write_attr(path, "configuration", "footsock", err, errlen);
	if (ret < 0)
		return ret;

	snprintf(target, sizeof(target), "%s/functions/ffs.%s", g->dir, g->name);
	if (mkdir(target, 0755) < 0) {
		ret = -errno;
		if (errno == ENOENT || errno == ENODEV)
			emu_set_err(err, errlen,
				"cannot create %s: %s (is usb_f_fs loaded? modprobe usb_f_fs)",
				target, strerror(errno));
		else
			emu_set_err(err, errlen, "cannot create %s: %s", target,
				strerror(errno));
		return ret;
	}
	g->made |= MADE_FUNCTION;
	snprintf(path, sizeof(path), "%s/configs/c.1/ffs.%s", g->dir, g->name);
	if (symlink(target, path) < 0) {
		ret = -errno;
		emu_set_err(err, errlen, "cannot link %s: %s", path, strerror(errno));
		return ret;
	}
	g->made |= MADE_LINK;

	snprintf(g->mnt, sizeof(g->mnt), "%.200s/footsock-emu.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(g->mnt)) {
		ret = -errno;
		emu_set_err(err, errlen, "cannot create a mount point %s: %s", g->mnt,
			strerror(errno));
		return ret;
	}
	g->made |= MADE_MNTDIR;
	if (mount(g->name, g->mnt, "functionfs", 0, NULL) < 0) {
		ret = -errno;
		emu_set_err(err, errlen, "cannot mount functionfs %s on %s: %s",
			g->name, g->mnt, strerror(errno));
		return ret;
	}
	g->made |= MADE_MOUNT;

	snprintf(path, sizeof(path), "%s/ep0", g->mnt);
	g->ep0 = open(path, O_RDWR | O_CLOEXEC);
	if (g->ep0 < 0) {
		ret = -errno;
		emu_set_err(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return ret;
	}
	len = gadget_build_descriptors(blob, sizeof(blob), desc);
	ret = write_all(g->ep0, blob, len);
	if (ret < 0) {
		emu_set_err(err, errlen, "FunctionFS refused the descriptors (desc=%s): %s",
			emu_desc_fault_name(desc), strerror(-ret));
		return ret;
	}
	len = gadget_build_strings(blob, sizeof(blob));
	ret = write_all(g->ep0, blob, len);
	if (ret < 0) {
		emu_set_err(err, errlen, "FunctionFS refused the strings: %s",
			strerror(-ret));
		return ret;
	}
	/* an OUT endpoint's file would halt on write: nothing to stream */
	if (desc != EMU_DESC_NOENDPOINT && desc != EMU_DESC_OUTENDPOINT) {
		snprintf(path, sizeof(path), "%s/ep1", g->mnt);
		g->ep_in = open(path, O_RDWR | O_CLOEXEC);
		if (g->ep_in < 0) {
			ret = -errno;
			emu_set_err(err, errlen, "cannot open %s: %s", path,
				strerror(errno));
			return ret;
		}
	}
	return 0;
}

/* Is the UDC already taken by a configfs gadget? */
static bool udc_in_use(const char *udc)
{
	char path[512], buf[128];
	struct dirent *de;
	bool used = false;
	ssize_t n;
	DIR *d;
	int fd;

	d = opendir(GADGETS);
	if (!d)
		return false;
	while (!used && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/UDC", GADGETS, de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		used = !strcmp(buf, udc);
	}
	closedir(d);
	return used;
}

static int bind_to(struct gadget *g, const char *udc, char *err, size_t errlen)
{
	char path[256];
	struct stat st;
	int ret;

	snprintf(path, sizeof(path), "%s/%.128s", UDC_CLASS, udc);
	if (strchr(udc, '/') || stat(path, &st) < 0) {
		emu_set_err(err, errlen, "no UDC named %s (see %s; e.g. modprobe dummy_hcd)",
			udc, UDC_CLASS);
		return -ENODEV;
	}
	ret = write_attr(g->dir, "UDC", udc, err, errlen);

	if (ret == -ENODEV || ret == -ENOENT)
		emu_set_err(err, errlen, "no UDC named %s (see %s)", udc, UDC_CLASS);
	else if (ret == -EBUSY)
		emu_set_err(err, errlen, "UDC %s is in use by another gadget", udc);
	if (ret == 0)
		snprintf(g->udc, sizeof(g->udc), "%s", udc);
	return ret;
}

int gadget_bind(struct gadget *g, const char *udc, char *err, size_t errlen)
{
	struct dirent **names;
	int i, n, ret = -ENODEV;
	bool tried = false;

	if (udc)
		return bind_to(g, udc, err, errlen);
	n = scandir(UDC_CLASS, &names, NULL, alphasort);
	if (n < 0) {
		emu_set_err(err, errlen, "no %s: no UDC driver loaded (e.g. modprobe dummy_hcd)",
			UDC_CLASS);
		return -ENODEV;
	}
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (ret == 0 || name[0] == '.' || udc_in_use(name))
			continue;
		tried = true;
		ret = bind_to(g, name, err, errlen);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (!tried)
		emu_set_err(err, errlen, "no free UDC in %s%s", UDC_CLASS,
			n <= 2 ? " (load one, e.g. modprobe dummy_hcd)" : "");
	return ret;
}

int gadget_unbind(struct gadget *g)
{
	int ret;

	if (!g->udc[0])
		return 0;
	ret = write_attr(g->dir, "UDC", "\n", NULL, 0);
	if (ret == 0)
		g->udc[0] = '\0';
	return ret;
}

static void remove_path(const char *path, bool dir)
{
	if ((dir ? rmdir(path) : unlink(path)) < 0 && errno != ENOENT)
		fprintf(stderr, "footsock-emu: cannot remove %s: %s\n", path,
			strerror(errno));
}

void gadget_destroy(struct gadget *g)
{
	char path[512];

	if (g->udc[0] && gadget_unbind(g) < 0)
		fprintf(stderr, "footsock-emu: cannot unbind %s: %s\n", g->udc,
			strerror(errno));
	if (g->ep_in >= 0)
		close(g->ep_in);
	if (g->ep0 >= 0)
		close(g->ep0);
	g->ep_in = g->ep0 = -1;
	if (g->made & MADE_MOUNT && umount(g->mnt) < 0)
		fprintf(stderr, "footsock-emu: cannot unmount %s: %s\n", g->mnt,
			strerror(errno));
	if (g->made & MADE_MNTDIR)
		remove_path(g->mnt, true);
	if (g->made & MADE_LINK) {
		snprintf(path, sizeof(path), "%s/configs/c.1/ffs.%s", g->dir, g->name);
		remove_path(path, false);
	}
	if (g->made & MADE_FUNCTION) {
		snprintf(path, sizeof(path), "%s/functions/ffs.%s", g->dir, g->name);
		remove_path(path, true);
	}
	if (g->made & MADE_CONFIG_STRINGS) {
		snprintf(path, sizeof(path), "%s/configs/c.1/strings/0x409", g->dir);
		remove_path(path, true);
	}
	if (g->made & MADE_CONFIG) {
		snprintf(path, sizeof(path), "%s/configs/c.1", g->dir);
		remove_path(path, true);
	}
	if (g->made & MADE_STRINGS) {
		snprintf(path, sizeof(path), "%s/strings/0x409", g->dir);
		remove_path(path, true);
	}
	if (g->made & MADE_GADGET)
		remove_path(g->dir, true);
	g->made = 0;
}

/* --- ep0 ----------------------------------------------------------------- */

/* Stalls the pending request: an ep0 transfer the wrong way round. */
static void ep0_stall(struct gadget *g, bool dir_in)
{
	char c;
	ssize_t n = dir_in ? read(g->ep0, &c, 0) : write(g->ep0, &c, 0);

	if (n >= 0 || errno != EL2HLT)
		if (g->verbose)
			fprintf(stderr, "footsock-emu: ep0 stall: %s\n",
				n >= 0 ? "not stalled" : strerror(errno));
}

/* Completes a request without a data stage (the status stage). */
static void ep0_ack(struct gadget *g)
{
	char c;

	if (read(g->ep0, &c, 0) < 0 && g->verbose)
		fprintf(stderr, "footsock-emu: ep0 status: %s\n", strerror(errno));
}

/*
 * tareswap=N: another sock behind the same port from now on, as the host
 * sees it in GET_INFO (the serial gains "-B", cut to fit).
 */
static void swap_serial(struct emu_device *d)
{
	size_t len = strnlen(d->serial, FOOTSOCK_SERIAL_LEN);

	if (len > FOOTSOCK_SERIAL_LEN - 2)
		len = FOOTSOCK_SERIAL_LEN - 2;
	memcpy(d->serial + len, "-B", 3);
	fprintf(stderr, "footsock-emu: fault: another sock answers from TARE %u on: serial %s\n",
		d->tare_requests, d->serial);
}

static void handle_setup(struct gadget *g, struct emu_device *d,
			 const struct usb_ctrlrequest *c)
{
	bool dir_in = c->bRequestType & USB_DIR_IN;
	uint16_t value = le16toh(c->wValue), length = le16toh(c->wLength);
	/* info, then zeros: info=long offers more than the struct */
	union {
		struct footsock_info info;
		uint8_t bytes[EMU_INFO_LONG_LEN];
	} reply;
	struct stream_run run;
	size_t len;
	ssize_t n;

	if (d->verbose)
		fprintf(stderr, "footsock-emu: setup %02x %02x value %u index %u length %u\n",
			c->bRequestType, c->bRequest, value, le16toh(c->wIndex),
			length);
	if ((c->bRequestType & USB_TYPE_MASK) != USB_TYPE_VENDOR ||
	    (c->bRequestType & USB_RECIP_MASK) != USB_RECIP_INTERFACE)
		goto stall;

	switch (c->bRequest) {
	case FOOTSOCK_REQ_GET_INFO:
		if (!dir_in || !length || d->info_fault == EMU_INFO_STALL)
			goto stall;
		if (++d->info_requests == d->info_unplug) {
			/* the data stage never comes: the host sees the unplug */
			fprintf(stderr, "footsock-emu: fault: unplugged during GET_INFO %u\n",
				d->info_requests);
			stream_set_enabled(d->stream, false, -1, 0);
			if (gadget_unbind(g) < 0)
				fprintf(stderr, "footsock-emu: fault infounplug: cannot unbind: %s\n",
					strerror(errno));
			return;
		}
		memset(&reply, 0, sizeof(reply));
		len = emu_info_build(&reply.info, d, stream_rate(d->stream),
				     stream_tared(d->stream), d->info_fault);
		/* info=long: FunctionFS itself cuts the reply to wLength */
		if (len > length && d->info_fault != EMU_INFO_LONG)
			len = length;
		n = write(g->ep0, &reply, len);
		if (n < 0 && d->verbose)
			fprintf(stderr, "footsock-emu: GET_INFO reply: %s\n",
				strerror(errno));
		return;
	case FOOTSOCK_REQ_SET_RATE:
		if (dir_in || length || value < FOOTSOCK_RATE_MIN_HZ ||
		    value > FOOTSOCK_RATE_MAX_HZ)
			goto stall;
		stream_cmd_set_rate(d->stream, value);
		ep0_ack(g);
		return;
	case FOOTSOCK_REQ_START:
		if (dir_in || length)
			goto stall;
		stream_cmd_start(d->stream);
		ep0_ack(g);
		return;
	case FOOTSOCK_REQ_STOP:
		if (dir_in || length)
			goto stall;
		stream_cmd_stop(d->stream);	/* no frame leaves after this */
		/* before the status stage: the host's STOP returns after it */
		if (stream_run_stats(d->stream, &run)) {
			stream_print_run("STOP", &run);
			if (d->stream->faults->n[EMU_F_MUTATE])
				stream_print_mutate("STOP", &run);
		}
		ep0_ack(g);
		return;
	case FOOTSOCK_REQ_TARE:
		if (dir_in || length)
			goto stall;
		stream_cmd_tare(d->stream);
		if (++d->tare_requests == d->tare_swap)
			swap_serial(d);
		ep0_ack(g);
		return;
	default:
		break;
	}
stall:
	ep0_stall(g, dir_in);
}

static unsigned int endpoint_maxpacket(struct gadget *g)
{
	struct usb_endpoint_descriptor desc;

	if (ioctl(g->ep_in, FUNCTIONFS_ENDPOINT_DESC, &desc) < 0) {
		fprintf(stderr, "footsock-emu: FUNCTIONFS_ENDPOINT_DESC: %s\n",
			strerror(errno));
		return EMU_FS_MAXPACKET;
	}
	return le16toh(desc.wMaxPacketSize) & 0x7ff;
}

static const char *const event_names[] = {
	[FUNCTIONFS_BIND] = "BIND", [FUNCTIONFS_UNBIND] = "UNBIND",
	[FUNCTIONFS_ENABLE] = "ENABLE", [FUNCTIONFS_DISABLE] = "DISABLE",
	[FUNCTIONFS_SETUP] = "SETUP", [FUNCTIONFS_SUSPEND] = "SUSPEND",
	[FUNCTIONFS_RESUME] = "RESUME",
};

int gadget_handle_ep0(struct gadget *g, struct emu_device *d)
{
	struct usb_functionfs_event ev[4];
	unsigned int mp;
	ssize_t n;
	int i;

	n = read(g->ep0, ev, sizeof(ev));
	if (n < 0) {
		/* EIDRM: a request we had not answered was cancelled (the
		 * host gave up on it, or infounplug unbound the gadget) */
		if (errno == EINTR || errno == EAGAIN || errno == EIDRM)
			return 0;
		return -errno;
	}
	for (i = 0; i < n / (ssize_t)sizeof(ev[0]); i++) {
		if (d->verbose && ev[i].type < sizeof(event_names) / sizeof(event_names[0]))
			fprintf(stderr, "footsock-emu: event %s\n",
				event_names[ev[i].type]);
		switch (ev[i].type) {
		case FUNCTIONFS_ENABLE:
			if (g->ep_in < 0)
				break;
			mp = endpoint_maxpacket(g);
			stream_set_enabled(d->stream, true, g->ep_in, mp);
			if (d->verbose)
				fprintf(stderr, "footsock-emu: endpoint enabled, maxpacket %u\n",
					mp);
			break;
		case FUNCTIONFS_DISABLE:
		case FUNCTIONFS_UNBIND:
			stream_set_enabled(d->stream, false, -1, 0);
			break;
		case FUNCTIONFS_SETUP:
			handle_setup(g, d, &ev[i].u.setup);
			break;
		case FUNCTIONFS_BIND:
		case FUNCTIONFS_SUSPEND:
		case FUNCTIONFS_RESUME:
		default:
			/* suspended: writes wait for the resume by themselves */
			break;
		}
	}
	return 0;
}
