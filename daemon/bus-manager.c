// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: the manager object, org.footsock.Monitor1 at
 * /org/footsock/Monitor1: the daemon's properties, the list of socks, the
 * pair's asymmetry, the recording methods and OpenStream (the reader set
 * itself is stream.c's: here only the bus's side of it).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "bus-manager.h"
#include "bus-names.h"
#include "events.h"
#include "manager.h"
#include "journal.h"
#include "profile-run.h"
#include "recorder.h"
#include "recordings.h"
#include "sock.h"
#include "stream.h"
#include "util.h"

static int get_version(sd_bus *bus, const char *path, const char *iface,
		       const char *prop, sd_bus_message *reply, void *data,
		       sd_bus_error *e)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)data, (void)e;
	return sd_bus_message_append(reply, "s", FOOTSOCK_VERSION);
}

static int get_socks(sd_bus *bus, const char *path, const char *iface,
		     const char *prop, sd_bus_message *reply, void *data,
		     sd_bus_error *e)
{
	struct manager *m = data;
	struct sock *s;
	int r;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	r = sd_bus_message_open_container(reply, 'a', "o");
	if (r < 0)
		return r;
	for (s = m->socks; s; s = s->next) {
		r = sd_bus_message_append(reply, "o", s->path);
		if (r < 0)
			return r;
	}
	return sd_bus_message_close_container(reply);
}

static int get_status(sd_bus *bus, const char *path, const char *iface,
		      const char *prop, sd_bus_message *reply, void *data,
		      sd_bus_error *e)
{
	struct manager *m = data;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	return sd_bus_message_append(reply, "s", m->status);
}

static int get_recording(sd_bus *bus, const char *path, const char *iface,
			 const char *prop, sd_bus_message *reply, void *data,
			 sd_bus_error *e)
{
	struct manager *m = data;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	return sd_bus_message_append(reply, "s",
				     m->recorder ? recorder_path(m->recorder) : "");
}

static int get_uptime(sd_bus *bus, const char *path, const char *iface,
		      const char *prop, sd_bus_message *reply, void *data,
		      sd_bus_error *e)
{
	struct manager *m = data;
	uint64_t now = 0;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	sd_event_now(m->event, CLOCK_MONOTONIC, &now);
	return sd_bus_message_append(reply, "d",
				     (double)(now - m->start_usec) * 1e-6);
}

/* The first connected-or-not sock of each foot. */
static void pair(struct manager *m, struct sock **l, struct sock **r)
{
	struct sock *s;

	*l = *r = NULL;
	for (s = m->socks; s; s = s->next) {
		if (s->foot == FS_LEFT && !*l)
			*l = s;
		if (s->foot == FS_RIGHT && !*r)
			*r = s;
	}
}

static int get_temp_asym(sd_bus *bus, const char *path, const char *iface,
			 const char *prop, sd_bus_message *reply, void *data,
			 sd_bus_error *e)
{
	struct sock *l, *r;
	int k, i;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	pair(data, &l, &r);
	k = sd_bus_message_open_container(reply, 'a', "{sd}");
	if (k < 0)
		return k;
	for (i = 0; l && r && i < FS_NTEMPS; i++) {
		double d = l->st.temp_c[i] - r->st.temp_c[i];

		if (!isfinite(d))
			continue;
		k = sd_bus_message_append(reply, "{sd}", fs_temp_names[i], d);
		if (k < 0)
			return k;
	}
	return sd_bus_message_close_container(reply);
}

static int get_stance_asym(sd_bus *bus, const char *path, const char *iface,
			   const char *prop, sd_bus_message *reply, void *data,
			   sd_bus_error *e)
{
	struct sock *l, *r;
	double d = NAN;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	pair(data, &l, &r);
	if (l && r)
		d = l->st.recent.stance_s - r->st.recent.stance_s;
	/* NaN when unknown: a D-Bus double carries it. */
	return sd_bus_message_append(reply, "d", isfinite(d) ? d : NAN);
}

static unsigned int pair_rate(struct manager *m)
{
	struct sock *s;

	for (s = m->socks; s; s = s->next)
		if (s->rate_hz)
			return s->rate_hz;
	return 0;
}

static int start_recording(sd_bus_message *msg, struct manager *m,
			   const char *subject, const char *note,
			   sd_bus_error *e)
{
	int r;

	if (m->recorder)
		return sd_bus_error_set(e, "org.footsock.Monitor1.Error.Busy",
					"A recording is running");
	r = recorder_new(m->cfg.recordings_dir, subject, note, pair_rate(m),
			 &m->recorder);
	if (r == -EINVAL)
		return sd_bus_error_set(e, SD_BUS_ERROR_INVALID_ARGS,
					"Subject must be 1-64 of [A-Za-z0-9._-]");
	if (r == -E2BIG)
		return sd_bus_error_setf(e, SD_BUS_ERROR_INVALID_ARGS,
					 "Note must be at most %d bytes",
					 RECORDER_NOTE_MAX);
	if (r < 0)
		return sd_bus_error_set_errnof(e, r, "Cannot create a recording in %s: %m",
					       m->cfg.recordings_dir);
	/* the run's own analysis for the subject's profile; none: no update */
	if (profile_run_new(subject, &m->cfg.params, &m->profile_run) < 0)
		m->profile_run = NULL;
	(void)manager_load_profile(m, subject);
	bus_manager_recording_changed(m);
	return sd_bus_reply_method_return(msg, "s", recorder_path(m->recorder));
}

static int method_start(sd_bus_message *msg, void *data, sd_bus_error *e)
{
	const char *subject;
	int r;

	r = sd_bus_message_read(msg, "s", &subject);
	if (r < 0)
		return r;
	return start_recording(msg, data, subject, NULL, e);
}

static int method_start_note(sd_bus_message *msg, void *data, sd_bus_error *e)
{
	const char *subject, *note;
	int r;

	r = sd_bus_message_read(msg, "ss", &subject, &note);
	if (r < 0)
		return r;
	return start_recording(msg, data, subject, note, e);
}

/*
 * The recording ended whole: its run goes into the subject's profile
 * (when it was a normal run with enough steady data), logged either way.
 */
static void update_profile(struct manager *m)
{
	char why[4608];
	int r;

	if (!m->profile_run)
		return;
	r = profile_run_finish(m->profile_run, m->cfg.profiles_dir, why,
			       sizeof(why));
	if (r < 0)
		journal_error(m, r, "Cannot update the profile: %s", why);
	else if (r == 0)
		journal_notice(m, "The recording did not count for its subject's profile: %s",
			       why);
}

static int method_stop(sd_bus_message *msg, void *data, sd_bus_error *e)
{
	struct manager *m = data;
	_cleanup_free_ char *path = NULL;
	int r;

	if (!m->recorder)
		return sd_bus_error_set(e, "org.footsock.Monitor1.Error.NotRecording",
					"No recording is running");
	path = strdup(recorder_path(m->recorder));
	if (!path)
		return -ENOMEM;
	r = recorder_sync(m->recorder);
	m->recorder = recorder_free(m->recorder);
	bus_manager_recording_changed(m);
	if (r >= 0)
		update_profile(m);
	m->profile_run = profile_run_free(m->profile_run);
	manager_set_profile(m, NULL);
	if (r < 0)
		return sd_bus_error_set_errnof(e, r, "Writing %s failed: %m", path);
	return sd_bus_reply_method_return(msg, "s", path);
}

static int method_get_events(sd_bus_message *msg, void *data, sd_bus_error *e)
{
	struct manager *m = data;
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	const struct event *ev;
	uint64_t since;
	unsigned int i;
	int r;

	(void)e;
	r = sd_bus_message_read(msg, "t", &since);
	if (r < 0)
		return r;
	r = sd_bus_message_new_method_return(msg, &reply);
	if (r < 0)
		return r;
	r = sd_bus_message_open_container(reply, 'a', "(tsssss)");
	if (r < 0)
		return r;
	for (i = 0; (ev = events_get(&m->events, i)); i++) {
		const char *foot = ev->foot == FS_LEFT ? "left" : "right";
		const char *cause = ev->cause >= 0 ?
				    fs_cause_names[ev->cause] : "";

		if (ev->realtime_usec < since)
			continue;
		r = sd_bus_message_append(reply, "(tsssss)", ev->realtime_usec,
					  event_kind_names[ev->kind], foot,
					  ev->serial, fs_level_names[ev->level],
					  cause);
		if (r < 0)
			return r;
	}
	r = sd_bus_message_close_container(reply);
	if (r < 0)
		return r;
	return sd_bus_send(NULL, reply, NULL);
}

#define NO_SUCH_RECORDING "org.footsock.Monitor1.Error.NoSuchRecording"

static int method_list_recordings(sd_bus_message *msg, void *data,
				  sd_bus_error *e)
{
	struct manager *m = data;
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	struct recording *l = NULL;
	size_t n = 0, i;
	int r;

	r = recordings_list(m->cfg.recordings_dir,
			    m->recorder ? recorder_path(m->recorder) : NULL,
			    &l, &n);
	if (r < 0)
		return sd_bus_error_set_errnof(e, r, "Cannot list %s: %m",
					       m->cfg.recordings_dir);
	r = sd_bus_message_new_method_return(msg, &reply);
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'a', "(ssstb)");
	for (i = 0; r >= 0 && i < n; i++)
		r = sd_bus_message_append(reply, "(ssstb)", l[i].id,
					  l[i].subject, l[i].started,
					  l[i].size, (int)l[i].active);
	recordings_free(l, n);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	if (r < 0)
		return r;
	return sd_bus_send(NULL, reply, NULL);
}

static int method_open_recording(sd_bus_message *msg, void *data,
				 sd_bus_error *e)
{
	struct manager *m = data;
	_cleanup_close_ int fd = -1;
	const char *id;
	int r;

	r = sd_bus_message_read(msg, "s", &id);
	if (r < 0)
		return r;
	fd = recording_open(m->cfg.recordings_dir, id);
	if (fd == -EINVAL || fd == -ENOENT)
		return sd_bus_error_setf(e, NO_SUCH_RECORDING,
					 "No recording \"%s\"", id);
	if (fd < 0)
		return sd_bus_error_set_errnof(e, fd, "Cannot open %s: %m", id);
	/* sd-bus sends a duplicate; ours closes on return. */
	return sd_bus_reply_method_return(msg, "h", fd);
}

/* OpenStream's options, a{sv}: each key by name, errors naming it. */
static int read_stream_options(sd_bus_message *msg, struct stream_options *o,
			       sd_bus_error *e)
{
	int r;

	r = sd_bus_message_enter_container(msg, 'a', "{sv}");
	if (r < 0)
		return r;
	while ((r = sd_bus_message_enter_container(msg, 'e', "sv")) > 0) {
		const char *key, *contents, *s = NULL, *why = "invalid";
		uint32_t u;
		char type;

		r = sd_bus_message_read(msg, "s", &key);
		if (r < 0)
			return r;
		r = sd_bus_message_peek_type(msg, &type, &contents);
		if (r < 0)
			return r;
		if (!strcmp(contents, "s"))
			r = sd_bus_message_read(msg, "v", "s", &s);
		else if (!strcmp(contents, "u"))
			r = sd_bus_message_read(msg, "v", "u", &u);
		else
			r = sd_bus_message_skip(msg, "v");
		if (r < 0)
			return r;
		r = stream_option(o, key, s, !strcmp(contents, "u") ? &u : NULL,
				  &why);
		if (r < 0)
			return sd_bus_error_setf(e, SD_BUS_ERROR_INVALID_ARGS,
						 "Option \"%s\": %s", key, why);
		r = sd_bus_message_exit_container(msg);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	return sd_bus_message_exit_container(msg);
}

/* key: an array of names, into the open a{sv}. */
static int append_names(sd_bus_message *reply, const char *key,
			const char *const *names, unsigned int n)
{
	unsigned int i;
	int r;

	r = sd_bus_message_open_container(reply, 'e', "sv");
	if (r >= 0)
		r = sd_bus_message_append(reply, "s", key);
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'v', "as");
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'a', "s");
	for (i = 0; r >= 0 && i < n; i++)
		r = sd_bus_message_append(reply, "s", names[i]);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r;
}

static int method_open_stream(sd_bus_message *msg, void *data, sd_bus_error *e)
{
	struct manager *m = data;
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	_cleanup_close_ int fd = -1;
	struct stream_options o;
	unsigned int live = 0, rate = 0;
	const char *foot;
	struct sock *s;
	int r;

	stream_options_default(&o);
	r = sd_bus_message_read(msg, "s", &foot);
	if (r < 0)
		return r;
	if (stream_options_foot(&o, foot) < 0)
		return sd_bus_error_setf(e, SD_BUS_ERROR_INVALID_ARGS,
					 "Foot \"%s\": must be left, right, both or \"\"",
					 foot);
	r = read_stream_options(msg, &o, e);
	if (r < 0 || sd_bus_error_is_set(e))
		return r;
	/* The socks streaming now, of the feet asked for. */
	for (s = m->socks; s; s = s->next) {
		if (!s->connected || (o.feet && !(o.feet & STREAM_FOOT(s->foot))))
			continue;
		live |= STREAM_FOOT(s->foot);
		if (s->rate_hz > rate)
			rate = s->rate_hz;
	}
	r = streams_open(m->streams, &o, live, rate, &fd);
	if (r == -ENODEV)
		return sd_bus_error_setf(e, "org.footsock.Monitor1.Error.NotConnected",
					 "No sock of foot \"%s\" is connected",
					 *foot ? foot : "both");
	if (r == -EUSERS)
		return sd_bus_error_setf(e, SD_BUS_ERROR_LIMITS_EXCEEDED,
					 "Too many stream readers: at most %u (stream_max_readers in footsockd.conf)",
					 m->cfg.stream_max_readers);
	if (r < 0)
		return sd_bus_error_set_errnof(e, r, "Cannot open a stream: %m");

	r = sd_bus_message_new_method_return(msg, &reply);
	if (r < 0)
		return r;
	/* sd-bus sends a duplicate; ours closes on return. */
	r = sd_bus_message_append(reply, "h", fd);
	if (r < 0)
		return r;
	r = sd_bus_message_open_container(reply, 'a', "{sv}");
	if (r < 0)
		return r;
	r = sd_bus_message_append(reply, "{sv}{sv}{sv}{sv}{sv}{sv}{sv}{sv}{sv}{sv}",
				  "format", "s", fs_stream_format_names[o.format],
				  "version", "u", (uint32_t)FS_STREAM_VERSION,
				  "record_size", "u",
				  (uint32_t)(o.format == FS_STREAM_BINARY ?
					     FS_STREAM_RECORD_SIZE : 0),
				  "packet_max", "u", (uint32_t)FS_STREAM_PACKET_MAX,
				  "rate_hz", "d", (double)rate / o.decimate,
				  "decimate", "u", (uint32_t)o.decimate,
				  "time_unit", "s", "ns",
				  "pressure_unit", "s", "kPa",
				  "temperature_unit", "s", "degC",
				  "byte_order", "s", "little-endian");
	if (r < 0)
		return r;
	{
		const char *feet[2];
		unsigned int n = 0;

		if (live & STREAM_FOOT(FS_LEFT))
			feet[n++] = "left";
		if (live & STREAM_FOOT(FS_RIGHT))
			feet[n++] = "right";
		r = append_names(reply, "feet", feet, n);
	}
	if (r >= 0)
		r = append_names(reply, "pressures", fs_zone_names, FS_NZONES);
	if (r >= 0)
		r = append_names(reply, "temperatures", fs_temp_names, FS_NTEMPS);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	if (r < 0)
		return r;
	return sd_bus_send(NULL, reply, NULL);
}

static const sd_bus_vtable manager_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Version", "s", get_version, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("Socks", "ao", get_socks, 0,
			SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("Status", "s", get_status, 0,
			SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("Recording", "s", get_recording, 0,
			SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	/* Changes all the time, never signalled: read it when needed
	 * (EmitsChangedSignal=false, as timedated's TimeUSec). */
	SD_BUS_PROPERTY("Uptime", "d", get_uptime, 0, 0),
	SD_BUS_PROPERTY("TemperatureAsymmetry", "a{sd}", get_temp_asym, 0,
			SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("StanceAsymmetry", "d", get_stance_asym, 0,
			SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_METHOD_WITH_NAMES("StartRecording", "s", "subject\0",
				 "s", "path\0", method_start,
				 SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_NAMES("StopRecording", "", "", "s", "path\0",
				 method_stop, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_NAMES("StartRecordingWithNote", "ss",
				 "subject\0note\0", "s", "path\0",
				 method_start_note, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_NAMES("ListRecordings", "", "", "a(ssstb)",
				 "recordings\0", method_list_recordings,
				 SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_NAMES("OpenRecording", "s", "id\0", "h", "fd\0",
				 method_open_recording,
				 SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_NAMES("OpenStream", "sa{sv}", "foot\0options\0",
				 "ha{sv}", "fd\0info\0", method_open_stream,
				 SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_NAMES("GetEvents", "t", "since_usec\0",
				 "a(tsssss)", "events\0", method_get_events,
				 SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_VTABLE_END
};

int bus_manager_register(struct manager *m)
{
	int r;

	/* Who may read: ahead of every object (access.c). */
	r = access_install(m->bus);
	if (r < 0)
		return r;
	r = sd_bus_add_object_vtable(m->bus, &m->slot_manager, FS_BUS_PATH,
				     FS_BUS_IFACE, manager_vtable, m);
	if (r < 0)
		return r;
	/* GetManagedObjects and InterfacesAdded/Removed for the socks. */
	return sd_bus_add_object_manager(m->bus, &m->slot_objects, FS_BUS_PATH);
}

void bus_manager_socks_changed(struct manager *m)
{
	if (m->bus)
		(void)sd_bus_emit_properties_changed(m->bus, FS_BUS_PATH,
						     FS_BUS_IFACE, "Socks", NULL);
}

void bus_manager_recording_changed(struct manager *m)
{
	if (m->bus)
		(void)sd_bus_emit_properties_changed(m->bus, FS_BUS_PATH,
						     FS_BUS_IFACE, "Recording",
						     NULL);
}

void bus_manager_status_changed(struct manager *m)
{
	if (m->bus)
		(void)sd_bus_emit_properties_changed(m->bus, FS_BUS_PATH,
						     FS_BUS_IFACE, "Status", NULL);
}

void bus_manager_asymmetry_changed(struct manager *m)
{
	if (m->bus)
		(void)sd_bus_emit_properties_changed(m->bus, FS_BUS_PATH,
						     FS_BUS_IFACE,
						     "TemperatureAsymmetry",
						     "StanceAsymmetry", NULL);
}
