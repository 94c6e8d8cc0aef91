// SPDX-License-Identifier: GPL-2.0
/*
 * The package version of an out-of-tree build (kernel/Kbuild sets
 * FOOTSOCK_VERSION), so that every part of footsock carries one version.
 * Not part of the driver as it goes upstream, where the kernel release
 * says it all.
 */
#include <linux/module.h>

MODULE_VERSION(FOOTSOCK_VERSION);
