# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers of the debug-kernel stress tests (sourced in the guest, after
# ../lib.sh and ../lib-footsock.sh). Self-contained for the driver's ABI:
# the IIO device by its serialnumber, the counters in debugfs.

FS_STRESS=$FOOTSOCK_TOP/build/tests/vm/debug-tests/fs-stress
FS_DEBUGFS=/sys/kernel/debug/footsock
KMEMLEAK=/sys/kernel/debug/kmemleak

# A fork and exec cost a vCPU about a quarter of a second on the debug
# kernel (five times the stock kernel's): what the tests poll, they read
# with builtins.

# dbg_read FILE: its first line in $REPLY, without a fork.
dbg_read() {
	REPLY=
	read -r REPLY 2>/dev/null <"$1" || [ -n "$REPLY" ]
}

# dbg_find_iio SERIAL: the sysfs directory of the footsock device SERIAL
# in $dbg_dir, without a fork.
dbg_find_iio() {
	local d
	dbg_dir=
	for d in /sys/bus/iio/devices/iio:device*; do
		dbg_read "$d/name" && [ "$REPLY" = footsock ] || continue
		dbg_read "$d/serialnumber" && [ "$REPLY" = "$1" ] || continue
		dbg_dir=$d
		return 0
	done
	return 1
}

# dbg_iio_dir SERIAL: the same, printed.
dbg_iio_dir() { dbg_find_iio "$1" && echo "$dbg_dir"; }

dbg_wait_iio() { wait_for "$1" dbg_find_iio "$2"; }

# dbg_counter IIO-DIR NAME: a counter of the device (debugfs).
dbg_counter() { cat "$FS_DEBUGFS/${1##*/}/$2" 2>/dev/null; }

# bus_of UDC: the host-side bus number of dummy_hcd.UDC.
dbg_bus_of() {
	local b
	b=$(ls -d /sys/devices/platform/dummy_hcd."$1"/usb* 2>/dev/null | head -n 1)
	echo "${b##*/usb}"
}

# kmemleak: cleared now, so that only what the test allocates can be
# reported (the boot's own false positives are not the driver's).
dbg_kmemleak_clear() {
	[ -e $KMEMLEAK ] || return 1
	echo clear >$KMEMLEAK
}

# dbg_kmemleak_check: two scans (an object is reported once it has been
# unreferenced for 5 s and two scans), then the report; one TAP line.
dbg_kmemleak_check() {
	local report n
	if [ ! -e $KMEMLEAK ]; then
		tap_ok 0 "kmemleak: nothing leaked # SKIP this kernel has no kmemleak (tests/vm/run --kernel debug)"
		return
	fi
	sleep 6
	echo scan >$KMEMLEAK
	sleep 1
	echo scan >$KMEMLEAK
	report=$(cat $KMEMLEAK)
	n=$(grep -c '^unreferenced object' <<<"$report")
	echo "# kmemleak: $n unreferenced objects"
	[ "$n" = 0 ] || sed 's/^/# /' <<<"$report" | head -n 120
	[ "$n" = 0 ]
	tap_ok $? "kmemleak: nothing leaked (2 scans after the test)"
}

# dbg_udevd_start: udevd without libiio's rule (90-libiio0.rules, from
# the guest's libiio-utils), which runs a shell, iio_info (a libusb scan of
# every USB device) and grep for every event of every USB device and
# interface: 3 to 5 s an event on the debug kernel, and udevd holds a
# device's events until its parent's are done, so a replugged sock's IIO
# device reached footsockd 20 s after the kernel added it. It matches no
# footsock device and sets only a mode; masked in /run, the image keeps it.
dbg_udevd_start() {
	mkdir -p /run/udev/rules.d &&
		ln -sf /dev/null /run/udev/rules.d/90-libiio0.rules &&
		/lib/systemd/systemd-udevd --daemon >/dev/null 2>&1
}

# The debug kernel's name for the run's figures.
dbg_kernel() { uname -r; }
