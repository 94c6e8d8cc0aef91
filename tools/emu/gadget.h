/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsock-emu: the USB gadget (configfs + FunctionFS) and its ep0.
 */
#ifndef FOOTSOCK_EMU_GADGET_H
#define FOOTSOCK_EMU_GADGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emu.h"
#include "faults.h"
#include "stream.h"

#define EMU_MANUFACTURER	"footsock"
#define EMU_PRODUCT		"footsock sensor sock"
#define EMU_INTERFACE		"footsock sensor"
#define EMU_HS_MAXPACKET	1024
#define EMU_HS_INTERVAL		4	/* 2^(4-1) microframes: 1 ms */
#define EMU_FS_MAXPACKET	64
#define EMU_FS_INTERVAL		1	/* 1 ms */

/* What the sock says about itself on ep0. */
struct emu_device {
	char serial[FOOTSOCK_SERIAL_LEN + 1];
	int foot;
	const struct emu_calib *calib;
	enum emu_info_fault info_fault;
	uint32_t info_unplug;		/* infounplug=N: 0 off */
	uint32_t info_requests;		/* GET_INFO requests so far */
	uint32_t tare_swap;		/* tareswap=N: 0 off */
	uint32_t tare_requests;		/* TARE requests so far */
	struct stream *stream;
	bool verbose;
};

struct gadget {
	char name[32];		/* configfs gadget and FunctionFS instance */
	char dir[128];		/* /sys/kernel/config/usb_gadget/NAME */
	char mnt[256];		/* the private FunctionFS mount point */
	char udc[128];		/* bound UDC, "" when unbound */
	unsigned int made;	/* GADGET_MADE_* steps done, for teardown */
	int ep0;
	int ep_in;		/* the interrupt IN endpoint's file, or -1 */
	enum emu_desc_fault desc;
	bool verbose;
};

/*
 * Builds the FunctionFS descriptors (v2 format, full- and high-speed sets)
 * for a descriptor variant. Returns the length (<= cap).
 */
size_t gadget_build_descriptors(uint8_t *buf, size_t cap,
				enum emu_desc_fault v);
/* Builds the strings blob for ep0. Returns the length (<= cap). */
size_t gadget_build_strings(uint8_t *buf, size_t cap);

/* info=long: the reply offered, the GET_INFO struct then zeros. */
#define EMU_INFO_LONG_LEN	400

/*
 * Builds the GET_INFO reply with the variant's defect. Returns the number
 * of bytes to send: for info=long EMU_INFO_LONG_LEN, more than *info
 * holds (the caller sends it from a zeroed buffer that large).
 */
size_t emu_info_build(struct footsock_info *info,
		      const struct emu_device *d, unsigned int rate,
		      bool tared, enum emu_info_fault variant);

/*
 * Creates the configfs gadget, mounts FunctionFS, writes descriptors and
 * strings and opens the endpoint. Returns 0 or a negative errno with a
 * message in err; gadget_destroy() undoes what was done either way.
 */
int gadget_create(struct gadget *g, const char *serial,
		  enum emu_desc_fault desc, char *err, size_t errlen);
/* Binds to udc, or to the first free UDC when udc is NULL. */
int gadget_bind(struct gadget *g, const char *udc, char *err, size_t errlen);
int gadget_unbind(struct gadget *g);
void gadget_destroy(struct gadget *g);

/*
 * Reads and answers the pending ep0 events. Returns 0, or a negative
 * errno when ep0 failed for good.
 */
int gadget_handle_ep0(struct gadget *g, struct emu_device *d);

#endif /* FOOTSOCK_EMU_GADGET_H */
