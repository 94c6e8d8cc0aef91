// SPDX-License-Identifier: GPL-2.0-or-later
/* The footsock importer (daemon/lib/), as footsockctl analyze --format footsock runs it. */
#include "fuzz-import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(FS_FMT_FOOTSOCK, data, size);
}
