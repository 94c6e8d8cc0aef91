// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd.conf (daemon/config.c): fs_config_parse on the text, as
 * fs_config_load hands it over (a file with a NUL byte is refused before).
 * Whatever it accepts is in range; whatever it refuses is said.
 */
#include <errno.h>
#include <limits.h>

#include "fuzz.h"
#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fs_config c;
	char err[256] = "", *text;
	const char *why;
	int r;

	text = fuzz_strndup(data, size);
	if (!text)
		return 0;
	fs_config_default(&c);
	r = fs_config_parse(&c, "fuzz.conf", text, err, sizeof(err));
	if (r < 0) {
		fuzz_assert(r == -EINVAL);
		fuzz_assert(!strncmp(err, "fuzz.conf", 9));
	} else {
		fuzz_assert(c.sampling_frequency <= 1000);
		fuzz_assert(c.buffer_length >= 2 && c.buffer_length <= 65536);
		fuzz_assert(c.latency_ms >= 1 && c.latency_ms <= 2000);
		fuzz_assert(strnlen(c.recordings_dir, PATH_MAX) < PATH_MAX);
		fuzz_assert(!c.recordings_dir[0] || c.recordings_dir[0] == '/');
		fuzz_assert(!c.textfile[0] || c.textfile[0] == '/');
		fuzz_assert(fs_params_check(&c.params, &why) == 0);
	}
	free(text);
	return 0;
}
