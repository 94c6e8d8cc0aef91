# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the driver's VM tests (sourced inside the guest, after
# lib.sh): the emulated sock, the IIO device it becomes, and the
# kselftest-harness checks of tests/vm/iio-capture.c.

FOOTSOCK_EMU=$FOOTSOCK_BIN/footsock-emu
FOOTSOCK_CAPTURE=$FOOTSOCK_TOP/build/tests/vm/iio-capture
fs_logdir=$(mktemp -d)

# The driver's stack: dummy_hcd with N UDCs, the gadget side, footsock.
fs_setup() {
	load_usb_gadget_stack "${1:-1}" && load_footsock
}

# fs_emu_start UDC ARGS...: runs footsock-emu on dummy_udc.UDC in the
# background; its pid is $emu (and emu_pid[UDC]), its log $fs_logdir/emu.UDC.
declare -a emu_pid
fs_emu_start() {
	fs_emu_spawn "$@" && fs_emu_bound "$1"
}

# fs_emu_spawn UDC ARGS...: fs_emu_start without waiting for the bind.
fs_emu_spawn() {
	local udc=$1
	shift
	"$FOOTSOCK_EMU" --udc "dummy_udc.$udc" "$@" >"$fs_logdir/emu.$udc" 2>&1 &
	emu=$!
	emu_pid[$udc]=$emu
}

# fs_emu_bound UDC: waits until the emulator on UDC has bound.
fs_emu_bound() {
	wait_for 10 grep -q "bound to dummy_udc.$1" "$fs_logdir/emu.$1"
}

# fs_emu_stop [UDC]: SIGTERM, waits for the exit; succeeds on exit 0.
fs_emu_stop() {
	local pid=${emu_pid[${1:-0}]}
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	local st=$?
	emu_pid[${1:-0}]=
	return $st
}

# fs_iio_dir [SERIAL]: the sysfs directory of the (first) footsock device.
fs_iio_dir() {
	local d
	for d in /sys/bus/iio/devices/iio:device*; do
		[ "$(cat "$d/name" 2>/dev/null)" = footsock ] || continue
		[ -z "$1" ] || [ "$(cat "$d/serialnumber")" = "$1" ] || continue
		echo "$d"
		return 0
	done
	return 1
}

# fs_debugfs DIR: the driver's debugfs directory of the IIO device whose
# sysfs directory is DIR (docs/driver.md: frames, sequence_gaps,
# crc_errors, short_transfers, urb_errors, firmware_version), debugfs
# mounted first if it is not.
fs_debugfs() {
	local d=${1%/}
	{ mountpoint -q /sys/kernel/debug ||
		mount -t debugfs debugfs /sys/kernel/debug; } &&
		echo "/sys/kernel/debug/footsock/${d##*/}"
}

# fs_counter DIR NAME: the driver's counter NAME of the IIO device whose
# sysfs directory is DIR; fails when it cannot be read (the device gone).
fs_counter() {
	local dbg
	dbg=$(fs_debugfs "$1") && cat "$dbg/$2"
}

fs_iio_count() {
	grep -lx footsock /sys/bus/iio/devices/iio:device*/name 2>/dev/null | wc -l
}

# fs_wait_iio SECONDS [SERIAL]: waits for the IIO device.
fs_wait_iio() {
	wait_for "$1" fs_iio_dir "$2" >/dev/null
}

# fs_capture NAME CASE [VAR=VALUE...]: runs the iio-capture harness case
# CASE with the environment given, its output as TAP comments; one check.
fs_capture() {
	local name=$1 case=$2 out
	shift 2
	out=$(env "$@" "$FOOTSOCK_CAPTURE" -t "$case" 2>&1)
	local st=$?
	sed 's/^/# /' <<<"$out"
	tap_ok $st "$name"
}

# Kernel log lines since fs_dmesg_mark.
fs_dmesg_mark() { fs_dmesg_lines=$(dmesg | wc -l); }
fs_dmesg_since() { dmesg | tail -n +$((fs_dmesg_lines + 1)); }
