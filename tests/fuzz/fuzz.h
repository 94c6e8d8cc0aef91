/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What every fuzz target shares. A target is one file, fuzz-NAME.c, that
 * defines LLVMFuzzerTestOneInput and nothing else the engine calls: built
 * with clang -fsanitize=fuzzer it is a libFuzzer binary (make fuzz), built
 * with gcc and replay-main.c it replays the corpora (make check).
 *
 * A target checks what the parser promises, not only that it survives:
 * fuzz_assert() aborts, which both builds report as a crash.
 */
#ifndef FOOTSOCK_FUZZ_H
#define FOOTSOCK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fuzz_assert(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: fuzz_assert(%s) failed\n",	\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

/* The input as a NUL-terminated string; NULL if it holds a NUL byte. */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s;

	if (memchr(data, '\0', size))
		return NULL;
	s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
