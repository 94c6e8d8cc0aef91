// SPDX-License-Identifier: GPL-2.0-or-later
/* PLACEHOLDER on branch ctl-base: the D-Bus client comes with the commands. */
#include "client.h"
