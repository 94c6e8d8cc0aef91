// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockctl's D-Bus client: reads footsockd's manager and sock objects
 * with one GetAll each into the plain structs of client.h, and wraps the
 * methods the commands call. Properties the daemon does not have (an
 * older footsockd) keep their "unknown" defaults instead of failing.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

#define BUS_NAME "org.footsock.Monitor1"
#define MGR_PATH "/org/footsock/Monitor1"
#define MGR_IFACE "org.footsock.Monitor1"
#define SOCK_IFACE "org.footsock.Monitor1.Sock"

static const char msg_not_running[] =
	"footsockd is not running (systemctl start footsockd)";
static const char msg_denied[] =
	"permission denied: sock data is readable by root and group footsock; "
	"add the user to the group";

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

void ctl_error(int r, const sd_bus_error *e, char msg[CTL_MSG_MAX])
{
	const char *name = e && sd_bus_error_is_set(e) ? e->name : NULL;

	if (name && (!strcmp(name, SD_BUS_ERROR_ACCESS_DENIED) ||
		     !strcmp(name, "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired")))
		copy(msg, CTL_MSG_MAX, msg_denied);
	else if (name && (!strcmp(name, SD_BUS_ERROR_SERVICE_UNKNOWN) ||
			  !strcmp(name, SD_BUS_ERROR_NAME_HAS_NO_OWNER)))
		copy(msg, CTL_MSG_MAX, msg_not_running);
	else if (name && (!strcmp(name, SD_BUS_ERROR_UNKNOWN_METHOD) ||
			  !strcmp(name, SD_BUS_ERROR_UNKNOWN_INTERFACE)))
		snprintf(msg, CTL_MSG_MAX,
			 "this footsockd does not support the request (%s): update footsockd",
			 e->message ? e->message : name);
	else if (name && e->message && *e->message)
		copy(msg, CTL_MSG_MAX, e->message);
	else if (name)
		copy(msg, CTL_MSG_MAX, name);
	else if (r == -EACCES || r == -EPERM)
		copy(msg, CTL_MSG_MAX, msg_denied);
	else
		snprintf(msg, CTL_MSG_MAX, "D-Bus: %s", strerror(r < 0 ? -r : r));
}

int ctl_connect(const char *address, sd_bus **out, char msg[CTL_MSG_MAX])
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus *bus = NULL;
	int r, has_owner = 0;

	*out = NULL;
	if (address) {
		r = sd_bus_new(&bus);
		if (r >= 0)
			r = sd_bus_set_address(bus, address);
		if (r >= 0)
			r = sd_bus_set_bus_client(bus, 1);
		if (r >= 0)
			r = sd_bus_start(bus);
	} else {
		r = sd_bus_open_system(&bus);
	}
	if (r < 0) {
		/* No bus at all: footsockd cannot be running either. */
		snprintf(msg, CTL_MSG_MAX, "%s (cannot connect to the %s bus: %s)",
			 msg_not_running, address ? "given" : "system",
			 strerror(-r));
		sd_bus_unref(bus);
		return -EHOSTDOWN;
	}
	/* Ask explicitly: a method call to a missing name may try to
	 * activate it and fail later with a less useful error. */
	{
		sd_bus_message *reply = NULL;

		r = sd_bus_call_method(bus, "org.freedesktop.DBus",
				       "/org/freedesktop/DBus",
				       "org.freedesktop.DBus", "NameHasOwner",
				       &e, &reply, "s", BUS_NAME);
		if (r >= 0)
			r = sd_bus_message_read(reply, "b", &has_owner);
		sd_bus_message_unref(reply);
	}
	if (r < 0) {
		ctl_error(r, &e, msg);
		sd_bus_error_free(&e);
		sd_bus_flush_close_unref(bus);
		return r;
	}
	if (!has_owner) {
		copy(msg, CTL_MSG_MAX, msg_not_running);
		sd_bus_flush_close_unref(bus);
		return -EHOSTDOWN;
	}
	*out = bus;
	return 0;
}

/* ---- reading properties ------------------------------------------------ */

enum prop_kind { P_STR, P_BOOL, P_U32, P_I32, P_DBL, P_U64 };

struct prop_field {
	const char *name;
	enum prop_kind kind;
	size_t offset, size;
};

static const char prop_sig[][2] = {
	[P_STR] = "s", [P_BOOL] = "b", [P_U32] = "u", [P_I32] = "i",
	[P_DBL] = "d", [P_U64] = "t",
};

/*
 * Enter a property's variant if it holds `sig`; a property of another
 * type (a daemon that changed it) is skipped and 0 returned.
 */
static int enter_variant(sd_bus_message *m, const char *sig)
{
	const char *contents = NULL;
	char type;
	int r;

	r = sd_bus_message_peek_type(m, &type, &contents);
	if (r < 0)
		return r;
	if (type != 'v' || !contents || strcmp(contents, sig))
		return sd_bus_message_skip(m, NULL) < 0 ? -EBADMSG : 0;
	r = sd_bus_message_enter_container(m, 'v', sig);
	return r < 0 ? r : 1;
}

/*
 * An array property, "a" ELEM in its variant: both entered. 1 entered,
 * 0 the property has another type (skipped), < 0 an error.
 */
static int enter_array(sd_bus_message *m, const char *elem)
{
	char sig[32];
	int r;

	snprintf(sig, sizeof(sig), "a%s", elem);
	r = enter_variant(m, sig);
	if (r <= 0)
		return r;
	r = sd_bus_message_enter_container(m, 'a', elem);
	return r < 0 ? r : 1;
}

/* Leave what enter_array() entered; r: the entry loop's last result. */
static int exit_array(sd_bus_message *m, int r)
{
	if (r < 0)
		return r;
	r = sd_bus_message_exit_container(m);
	if (r < 0)
		return r;
	return sd_bus_message_exit_container(m);
}

static int read_field(sd_bus_message *m, const struct prop_field *f, void *obj)
{
	char *p = (char *)obj + f->offset;
	union {
		const char *s;
		int b;
		uint32_t u32;
		int32_t i32;
		double dbl;
		uint64_t u64;
	} v;
	int r;

	r = enter_variant(m, prop_sig[f->kind]);
	if (r <= 0)
		return r;
	r = sd_bus_message_read_basic(m, prop_sig[f->kind][0], &v);
	if (r < 0)
		return r;
	if (r == 0)		/* nothing in the variant: stays unknown */
		return sd_bus_message_exit_container(m);
	if (f->kind == P_STR)
		copy(p, f->size, v.s);
	else if (f->kind == P_BOOL)
		*(bool *)p = v.b;
	else if (f->size <= sizeof(v))
		/* the field has the D-Bus type's size (SOCK_FIELD's sizeof) */
		memcpy(p, &v, f->size);
	return sd_bus_message_exit_container(m);
}

/* a{sd} keyed by the names in `names` into values[n]; others ignored. */
static int read_dict(sd_bus_message *m, const char *const *names, int n,
		     double *values)
{
	const char *key;
	double v;
	int r, i;

	r = enter_array(m, "{sd}");
	if (r <= 0)
		return r;
	while ((r = sd_bus_message_read(m, "{sd}", &key, &v)) > 0)
		for (i = 0; i < n; i++)
			if (!strcmp(key, names[i]))
				values[i] = v;
	return exit_array(m, r);
}

static int read_causes(sd_bus_message *m, struct ctl_sock *s)
{
	const char *name;
	double score;
	int r;

	r = enter_array(m, "(sd)");
	if (r <= 0)
		return r;
	s->n_causes = 0;
	while ((r = sd_bus_message_read(m, "(sd)", &name, &score)) > 0) {
		if (s->n_causes >= FS_NCAUSES)
			continue;
		copy(s->causes[s->n_causes].name,
		     sizeof(s->causes[s->n_causes].name), name);
		s->causes[s->n_causes++].score = score;
	}
	return exit_array(m, r);
}

static int read_sensor_faults(sd_bus_message *m, struct ctl_sock *s)
{
	const char *kind, *name, *fault;
	int r;

	r = enter_array(m, "(sss)");
	if (r <= 0)
		return r;
	s->n_sensor_faults = 0;
	while ((r = sd_bus_message_read(m, "(sss)", &kind, &name, &fault)) > 0) {
		struct ctl_sensor_fault *sf = &s->sensor_faults[s->n_sensor_faults];

		if (s->n_sensor_faults >= FS_NZONES + FS_NTEMPS)
			continue;
		sf->temperature = !strcmp(kind, "temperature");
		copy(sf->name, sizeof(sf->name), name);
		copy(sf->fault, sizeof(sf->fault), fault);
		s->n_sensor_faults++;
	}
	return exit_array(m, r);
}

static int read_paths(sd_bus_message *m, struct ctl_daemon *d)
{
	const char *path;
	size_t cap = 0;
	int r;

	r = enter_array(m, "o");
	if (r <= 0)
		return r;
	while ((r = sd_bus_message_read_basic(m, 'o', &path)) > 0) {
		struct ctl_sock *s;

		if (d->n_socks == cap) {
			cap = cap ? 2 * cap : 4;
			s = realloc(d->socks, cap * sizeof(*s));
			if (!s)
				return -ENOMEM;
			d->socks = s;
		}
		s = &d->socks[d->n_socks++];
		memset(s, 0, sizeof(*s));
		copy(s->path, sizeof(s->path), path);
	}
	return exit_array(m, r);
}

#define SOCK_FIELD(n, k, member) { n, k, offsetof(struct ctl_sock, member), \
	sizeof(((struct ctl_sock *)NULL)->member) }

static const struct prop_field sock_fields[] = {
	SOCK_FIELD("Foot", P_STR, foot),
	SOCK_FIELD("Serial", P_STR, serial),
	SOCK_FIELD("Firmware", P_STR, firmware),
	SOCK_FIELD("IioDevice", P_STR, iio_device),
	SOCK_FIELD("Connected", P_BOOL, connected),
	SOCK_FIELD("RateHz", P_U32, rate_hz),
	SOCK_FIELD("Level", P_STR, level),
	SOCK_FIELD("LevelMax", P_STR, level_max),
	SOCK_FIELD("NumbnessRisk", P_I32, numbness_risk),
	SOCK_FIELD("NumbnessRiskMax", P_I32, numbness_risk_max),
	SOCK_FIELD("CirculationRestriction", P_I32, circulation_restriction),
	SOCK_FIELD("CirculationRestrictionMax", P_I32, circulation_restriction_max),
	SOCK_FIELD("NumbnessRiskTrend", P_STR, numbness_trend),
	SOCK_FIELD("CirculationRestrictionTrend", P_STR, circulation_trend),
	SOCK_FIELD("Activity", P_STR, activity),
	SOCK_FIELD("Baseline", P_STR, baseline),
	SOCK_FIELD("Cadence", P_DBL, cadence_spm),
	SOCK_FIELD("StanceTime", P_DBL, stance_s),
	SOCK_FIELD("SwingTime", P_DBL, swing_s),
	SOCK_FIELD("Frames", P_U64, frames),
	SOCK_FIELD("Gaps", P_U64, gaps),
};

#define DAEMON_FIELD(n, k, member) { n, k, offsetof(struct ctl_daemon, member), \
	sizeof(((struct ctl_daemon *)NULL)->member) }

static const struct prop_field daemon_fields[] = {
	DAEMON_FIELD("Version", P_STR, version),
	DAEMON_FIELD("Status", P_STR, status),
	DAEMON_FIELD("Recording", P_STR, recording),
	DAEMON_FIELD("Uptime", P_DBL, uptime_s),
	DAEMON_FIELD("StanceAsymmetry", P_DBL, stance_asymmetry_s),
};

static const struct prop_field *find_field(const struct prop_field *f,
					   size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(f[i].name, name))
			return &f[i];
	return NULL;
}

typedef int (*special_prop)(sd_bus_message *m, const char *name, void *obj);

/* GetAll of one object into obj: the fields of the table, then special. */
static int get_all(sd_bus *bus, const char *path, const char *iface,
		   const struct prop_field *fields, size_t n, special_prop special,
		   void *obj, sd_bus_error *e)
{
	sd_bus_message *reply = NULL;
	const char *name;
	int r;

	r = sd_bus_call_method(bus, BUS_NAME, path,
			       "org.freedesktop.DBus.Properties", "GetAll", e,
			       &reply, "s", iface);
	if (r < 0)
		return r;
	r = sd_bus_message_enter_container(reply, 'a', "{sv}");
	while (r >= 0 &&
	       (r = sd_bus_message_enter_container(reply, 'e', "sv")) > 0) {
		const struct prop_field *f;

		r = sd_bus_message_read_basic(reply, 's', &name);
		if (r < 0)
			break;
		f = find_field(fields, n, name);
		if (f)
			r = read_field(reply, f, obj);
		else
			r = special(reply, name, obj);
		if (r < 0)
			break;
		r = sd_bus_message_exit_container(reply);
	}
	sd_bus_message_unref(reply);
	return r < 0 ? r : 0;
}

static int read_relief(sd_bus_message *m, struct ctl_relief *rl)
{
	const char *kind, *cause;
	int r;

	r = enter_variant(m, "(ssdddd)");
	if (r <= 0)
		return r;
	r = sd_bus_message_read(m, "(ssdddd)", &kind, &cause, &rl->before_kpa,
				&rl->after_kpa, &rl->rewarm_c, &rl->minutes);
	if (r < 0)
		return r;
	copy(rl->kind, sizeof(rl->kind), kind);
	copy(rl->cause, sizeof(rl->cause), cause);
	return sd_bus_message_exit_container(m);
}

static int read_contrast(sd_bus_message *m, struct ctl_sock *s)
{
	const char *cause, *kind, *text;
	double other;
	int r;

	r = enter_array(m, "(sssd)");
	if (r <= 0)
		return r;
	s->n_contrast = 0;
	while ((r = sd_bus_message_read(m, "(sssd)", &cause, &kind, &text,
					&other)) > 0) {
		struct ctl_contrast *c = &s->contrast[s->n_contrast];

		if (s->n_contrast >= FS_NCAUSES)
			continue;
		copy(c->cause, sizeof(c->cause), cause);
		copy(c->contrast, sizeof(c->contrast), kind);
		copy(c->text, sizeof(c->text), text);
		c->other = other;
		s->n_contrast++;
	}
	return exit_array(m, r);
}

static int sock_special(sd_bus_message *m, const char *name, void *obj)
{
	struct ctl_sock *s = obj;

	if (!strcmp(name, "LastRelief"))
		return read_relief(m, &s->relief);
	if (!strcmp(name, "Causes"))
		return read_causes(m, s);
	if (!strcmp(name, "CauseContrast"))
		return read_contrast(m, s);
	if (!strcmp(name, "SensorFaults"))
		return read_sensor_faults(m, s);
	if (!strcmp(name, "Pressures"))
		return read_dict(m, fs_zone_names, FS_NZONES, s->pressure_kpa);
	if (!strcmp(name, "Temperatures"))
		return read_dict(m, fs_temp_names, FS_NTEMPS, s->temperature_c);
	return sd_bus_message_skip(m, "v");
}

static int daemon_special(sd_bus_message *m, const char *name, void *obj)
{
	struct ctl_daemon *d = obj;

	if (!strcmp(name, "Socks"))
		return read_paths(m, d);
	if (!strcmp(name, "TemperatureAsymmetry"))
		return read_dict(m, fs_temp_names, FS_NTEMPS,
				 d->temperature_asymmetry_c);
	return sd_bus_message_skip(m, "v");
}

static void sock_defaults(struct ctl_sock *s)
{
	int i;

	s->numbness_risk = s->numbness_risk_max = -1;
	s->circulation_restriction = s->circulation_restriction_max = -1;
	s->cadence_spm = s->stance_s = s->swing_s = NAN;
	for (i = 0; i < FS_NZONES; i++)
		s->pressure_kpa[i] = NAN;
	for (i = 0; i < FS_NTEMPS; i++)
		s->temperature_c[i] = NAN;
}

static int foot_rank(const char *foot)
{
	if (!strcmp(foot, "left"))
		return 0;
	return !strcmp(foot, "right") ? 1 : 2;
}

static int sock_cmp(const void *a, const void *b)
{
	const struct ctl_sock *x = a, *y = b;
	int k = foot_rank(x->foot) - foot_rank(y->foot);

	return k ? k : strcmp(x->serial, y->serial);
}

static bool object_gone(const sd_bus_error *e)
{
	return sd_bus_error_has_name(e, SD_BUS_ERROR_UNKNOWN_OBJECT) ||
	       sd_bus_error_has_name(e, SD_BUS_ERROR_UNKNOWN_INTERFACE);
}

/*
 * Version and Status are public (everyone may Get them): added to msg in
 * parentheses, so that those refused the rest see that footsockd runs.
 * One line: watch shows msg on its status line.
 */
static void public_line(sd_bus *bus, char msg[CTL_MSG_MAX])
{
	char *version = NULL, *status = NULL;
	size_t n = strlen(msg);

	if (sd_bus_get_property_string(bus, BUS_NAME, MGR_PATH, MGR_IFACE,
				       "Version", NULL, &version) >= 0 &&
	    sd_bus_get_property_string(bus, BUS_NAME, MGR_PATH, MGR_IFACE,
				       "Status", NULL, &status) >= 0)
		snprintf(msg + n, CTL_MSG_MAX - n, " (footsockd %s is running: %s)",
			 version, status);
	free(version);
	free(status);
}

int ctl_snapshot(sd_bus *bus, struct ctl_daemon *d, char msg[CTL_MSG_MAX])
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	size_t i, kept = 0;
	int r, k;

	memset(d, 0, sizeof(*d));
	d->uptime_s = NAN;
	d->stance_asymmetry_s = NAN;
	for (k = 0; k < FS_NTEMPS; k++)
		d->temperature_asymmetry_c[k] = NAN;
	r = get_all(bus, MGR_PATH, MGR_IFACE, daemon_fields,
		    sizeof(daemon_fields) / sizeof(daemon_fields[0]),
		    daemon_special, d, &e);
	if (r < 0)
		goto fail_manager;

	for (i = 0; i < d->n_socks; i++) {
		struct ctl_sock *s = &d->socks[kept];

		if (kept != i)
			*s = d->socks[i];
		sock_defaults(s);
		r = get_all(bus, s->path, SOCK_IFACE, sock_fields,
			    sizeof(sock_fields) / sizeof(sock_fields[0]),
			    sock_special, s, &e);
		if (r < 0 && object_gone(&e)) {
			/* Unplugged between the two calls: not there. */
			sd_bus_error_free(&e);
			continue;
		}
		if (r < 0)
			goto fail;
		kept++;
	}
	d->n_socks = kept;
	if (d->n_socks)
		qsort(d->socks, d->n_socks, sizeof(*d->socks), sock_cmp);
	/* Values are the daemon's: it sends NaN for what it does not know
	 * (a D-Bus double carries NaN), and nothing here guesses. */
	return 0;
fail_manager:
	if (sd_bus_error_has_name(&e, SD_BUS_ERROR_ACCESS_DENIED)) {
		/* Not a member: the sentence, then what anyone may read. */
		ctl_error(r, &e, msg);
		sd_bus_error_free(&e);
		public_line(bus, msg);
		return -EACCES;
	}
fail:
	if (r == -ENOMEM)
		copy(msg, CTL_MSG_MAX, "out of memory");
	else
		ctl_error(r, &e, msg);
	sd_bus_error_free(&e);
	return r;
}

int ctl_load(const char *address, sd_bus **bus, struct ctl_daemon *d,
	     char msg[CTL_MSG_MAX])
{
	int r;

	memset(d, 0, sizeof(*d));
	r = ctl_connect(address, bus, msg);
	if (r < 0)
		return r;
	r = ctl_snapshot(*bus, d, msg);
	if (r < 0)
		*bus = sd_bus_flush_close_unref(*bus);
	return r;
}

void ctl_daemon_clear(struct ctl_daemon *d)
{
	free(d->socks);
	d->socks = NULL;
	d->n_socks = 0;
}

const struct ctl_sock *ctl_find_foot(const struct ctl_daemon *d,
				     const char *foot)
{
	size_t i;

	for (i = 0; i < d->n_socks; i++)
		if (!strcmp(d->socks[i].foot, foot))
			return &d->socks[i];
	return NULL;
}

/* ---- methods ------------------------------------------------------------ */

/*
 * Room for one more element of `size` bytes in arr (count used of *cap),
 * doubling from `first`: the array, moved or not; NULL when out of
 * memory, arr then left as it was.
 */
static void *grow(void *arr, size_t *cap, size_t count, size_t first,
		  size_t size)
{
	size_t n = *cap ? 2 * *cap : first;
	void *x;

	if (count < *cap)
		return arr;
	x = realloc(arr, n * size);
	if (x)
		*cap = n;
	return x;
}

/* A failed array-returning call: the sentence in msg, everything freed. */
static int array_call_failed(int r, sd_bus_error *e, sd_bus_message *reply,
			     void *arr, char msg[CTL_MSG_MAX])
{
	if (r == -ENOMEM)
		copy(msg, CTL_MSG_MAX, "out of memory");
	else
		ctl_error(r, e, msg);
	sd_bus_error_free(e);
	sd_bus_message_unref(reply);
	free(arr);
	return r;
}

int ctl_events(sd_bus *bus, uint64_t since_usec, struct ctl_event **out,
	       size_t *n, char msg[CTL_MSG_MAX])
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	struct ctl_event *ev = NULL, *x;
	size_t cap = 0, count = 0;
	uint64_t t;
	const char *kind, *foot, *serial, *level, *cause;
	int r;

	*out = NULL;
	*n = 0;
	r = sd_bus_call_method(bus, BUS_NAME, MGR_PATH, MGR_IFACE, "GetEvents",
			       &e, &reply, "t", since_usec);
	if (r < 0)
		goto fail;
	r = sd_bus_message_enter_container(reply, 'a', "(tsssss)");
	while (r >= 0 &&
	       (r = sd_bus_message_read(reply, "(tsssss)", &t, &kind, &foot,
					&serial, &level, &cause)) > 0) {
		x = grow(ev, &cap, count, 64, sizeof(*ev));
		if (!x) {
			r = -ENOMEM;
			break;
		}
		ev = x;
		x = &ev[count++];
		x->realtime_usec = t;
		copy(x->kind, sizeof(x->kind), kind);
		copy(x->foot, sizeof(x->foot), foot);
		copy(x->serial, sizeof(x->serial), serial);
		copy(x->level, sizeof(x->level), level);
		copy(x->cause, sizeof(x->cause), cause);
	}
	if (r < 0)
		goto fail;
	sd_bus_message_unref(reply);
	*out = ev;
	*n = count;
	return 0;
fail:
	return array_call_failed(r, &e, reply, ev, msg);
}

/* A method with no reply value; the error becomes msg. */
static int call_void(sd_bus *bus, const char *path, const char *iface,
		     const char *method, char msg[CTL_MSG_MAX],
		     const char *types, ...)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *m = NULL, *reply = NULL;
	va_list ap;
	int r;

	r = sd_bus_message_new_method_call(bus, &m, BUS_NAME, path, iface,
					   method);
	if (r >= 0 && types) {
		va_start(ap, types);
		r = sd_bus_message_appendv(m, types, ap);
		va_end(ap);
	}
	if (r >= 0)
		r = sd_bus_call(bus, m, 0, &e, &reply);
	if (r < 0)
		ctl_error(r, &e, msg);
	sd_bus_error_free(&e);
	sd_bus_message_unref(reply);
	sd_bus_message_unref(m);
	return r < 0 ? r : 0;
}

int ctl_tare(sd_bus *bus, const struct ctl_sock *s, char msg[CTL_MSG_MAX])
{
	return call_void(bus, s->path, SOCK_IFACE, "Tare", msg, NULL);
}

int ctl_set_rate(sd_bus *bus, const struct ctl_sock *s, unsigned int hz,
		 char msg[CTL_MSG_MAX])
{
	return call_void(bus, s->path, SOCK_IFACE, "SetSamplingFrequency", msg,
			 "u", (uint32_t)hz);
}

/* A method returning one string (a recording's path) into path. */
static int call_path(sd_bus *bus, const char *method, char *path,
		     size_t size, char msg[CTL_MSG_MAX], const char *types, ...)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *m = NULL, *reply = NULL;
	const char *s = NULL;
	va_list ap;
	int r;

	r = sd_bus_message_new_method_call(bus, &m, BUS_NAME, MGR_PATH,
					   MGR_IFACE, method);
	if (r >= 0 && types) {
		va_start(ap, types);
		r = sd_bus_message_appendv(m, types, ap);
		va_end(ap);
	}
	if (r >= 0)
		r = sd_bus_call(bus, m, 0, &e, &reply);
	if (r >= 0)
		r = sd_bus_message_read(reply, "s", &s);
	if (r >= 0)
		copy(path, size, s);
	else
		ctl_error(r, &e, msg);
	sd_bus_error_free(&e);
	sd_bus_message_unref(reply);
	sd_bus_message_unref(m);
	return r < 0 ? r : 0;
}

int ctl_start_recording(sd_bus *bus, const char *subject, const char *note,
			char *path, size_t size, char msg[CTL_MSG_MAX])
{
	if (note)
		return call_path(bus, "StartRecordingWithNote", path, size, msg,
				 "ss", subject, note);
	return call_path(bus, "StartRecording", path, size, msg, "s", subject);
}

int ctl_stop_recording(sd_bus *bus, char *path, size_t size,
		       char msg[CTL_MSG_MAX])
{
	return call_path(bus, "StopRecording", path, size, msg, NULL);
}

int ctl_list_recordings(sd_bus *bus, struct ctl_recording **out, size_t *n,
			char msg[CTL_MSG_MAX])
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	struct ctl_recording *rec = NULL, *x;
	size_t cap = 0, count = 0;
	const char *id, *subject, *started;
	uint64_t size;
	int r, active;

	*out = NULL;
	*n = 0;
	r = sd_bus_call_method(bus, BUS_NAME, MGR_PATH, MGR_IFACE,
			       "ListRecordings", &e, &reply, NULL);
	if (r < 0)
		goto fail;
	r = sd_bus_message_enter_container(reply, 'a', "(ssstb)");
	while (r >= 0 &&
	       (r = sd_bus_message_read(reply, "(ssstb)", &id, &subject,
					&started, &size, &active)) > 0) {
		x = grow(rec, &cap, count, 16, sizeof(*rec));
		if (!x) {
			r = -ENOMEM;
			break;
		}
		rec = x;
		x = &rec[count++];
		copy(x->id, sizeof(x->id), id);
		copy(x->subject, sizeof(x->subject), subject);
		copy(x->started, sizeof(x->started), started);
		x->size_bytes = size;
		x->active = active;
	}
	if (r < 0)
		goto fail;
	sd_bus_message_unref(reply);
	*out = rec;
	*n = count;
	return 0;
fail:
	return array_call_failed(r, &e, reply, rec, msg);
}

/*
 * The fd of a method's reply, or the call's error in msg. The message owns
 * its fd: the caller gets a copy of its own.
 */
static int reply_fd(int r, sd_bus_message *reply, sd_bus_error *e,
		    char msg[CTL_MSG_MAX])
{
	int fd = -1;

	if (r >= 0)
		r = sd_bus_message_read_basic(reply, 'h', &fd);
	if (r >= 0) {
		fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
		if (fd < 0)
			r = -errno;
	}
	if (r < 0)
		ctl_error(r, e, msg);
	sd_bus_error_free(e);
	sd_bus_message_unref(reply);
	return r < 0 ? r : fd;
}

int ctl_open_recording(sd_bus *bus, const char *id, char msg[CTL_MSG_MAX])
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	int r;

	r = sd_bus_call_method(bus, BUS_NAME, MGR_PATH, MGR_IFACE,
			       "OpenRecording", &e, &reply, "s", id);
	return reply_fd(r, reply, &e, msg);
}

int ctl_open_stream(sd_bus *bus, const char *foot, const char *format,
		    char msg[CTL_MSG_MAX])
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	int r;

	r = sd_bus_call_method(bus, BUS_NAME, MGR_PATH, MGR_IFACE,
			       "OpenStream", &e, &reply, "sa{sv}", foot, 1,
			       "format", "s", format);
	return reply_fd(r, reply, &e, msg);
}
