# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the VM test scripts (sourced inside the guest). Tests print
# TAP: one "ok N name" / "not ok N name" per check, via tap_ok/tap_check.

FOOTSOCK_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FOOTSOCK_BIN=$FOOTSOCK_TOP/build/bin
FOOTSOCK_KO=$FOOTSOCK_TOP/build/modules/$(uname -r)/kernel/footsock.ko

tap_n=0
tap_failed=0

tap_plan() { echo "1..$1"; }

# tap_ok CONDITION-STATUS NAME: records one check.
tap_ok() {
	local status=$1
	shift
	tap_n=$((tap_n + 1))
	if [ "$status" = 0 ]; then
		echo "ok $tap_n $*"
	else
		echo "not ok $tap_n $*"
		tap_failed=$((tap_failed + 1))
	fi
}

# tap_check NAME -- COMMAND...: runs COMMAND, records whether it succeeded.
tap_check() {
	local name=$1
	shift
	[ "$1" = -- ] && shift
	"$@"
	tap_ok $? "$name"
}

tap_done() {
	[ "$tap_failed" = 0 ]
	exit $?
}

# A pipe only this shell holds open: `read -t` on it is a sleep without a
# fork (fork and exec cost 50 ms in a stock guest and 5 times that on the
# debug kernel, where polling with date and sleep took a vCPU).
wait_sleep_fifo=$(mktemp -u /tmp/wait-sleep.XXXXXX)
mkfifo "$wait_sleep_fifo" && exec {wait_sleep_fd}<>"$wait_sleep_fifo" &&
	rm -f "$wait_sleep_fifo"

# wait_for SECONDS COMMAND...: polls COMMAND every $wait_interval seconds
# (0.1 unless a test sets it) until it succeeds. (The clock is bash's
# EPOCHREALTIME in microseconds: no fork either.)
wait_interval=0.1
wait_for() {
	local deadline=$((${EPOCHREALTIME/./} + $1 * 1000000))
	shift
	until "$@" 2>/dev/null; do
		((${EPOCHREALTIME/./} < deadline)) || return 1
		read -rt "$wait_interval" -u "$wait_sleep_fd"
	done
	return 0
}

# The USB device gadget side and host side: dummy_hcd with NUM UDCs.
load_usb_gadget_stack() {
	modprobe dummy_hcd num="${1:-1}" &&
		modprobe libcomposite &&
		modprobe usb_f_fs &&
		{ mountpoint -q /sys/kernel/config ||
			mount -t configfs configfs /sys/kernel/config; }
}

# Loads the driver built for the running kernel, with its dependencies.
load_footsock() {
	modprobe industrialio && modprobe kfifo_buf && modprobe crc_itu_t &&
		insmod "$FOOTSOCK_KO"
}

# usb_device_path VID PID: prints the sysfs path of the matching device.
usb_device_path() {
	local d
	for d in /sys/bus/usb/devices/*; do
		[ -f "$d/idVendor" ] || continue
		if [ "$(cat "$d/idVendor")" = "$1" ] &&
			[ "$(cat "$d/idProduct")" = "$2" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}
