/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A tiny streaming JSON writer: compact output, NaN written as null. */
#ifndef FOOTSOCKCTL_JSON_H
#define FOOTSOCKCTL_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *f;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
	bool after_key;
};

void json_init(struct json *j, FILE *f);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);
/* Finite numbers with `decimals` digits; NaN and infinities as null. */
void json_number(struct json *j, double v, int decimals);
void json_int(struct json *j, long v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

#endif
