// SPDX-License-Identifier: GPL-2.0-or-later
/* The emulator's error messages: one formatter for every module. */
#include <stdarg.h>
#include <stdio.h>

#include "emu.h"

void emu_set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}
