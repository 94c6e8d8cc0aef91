// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: one D-Bus object per sock, org.footsock.Monitor1.Sock at
 * /org/footsock/Monitor1/sock/<serial, bus-path-encoded>, served by a
 * fallback vtable and a node enumerator over the manager's list.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bus-sock.h"
#include "bus-names.h"
#include "manager.h"
#include "sock.h"

static int get_foot(sd_bus *bus, const char *path, const char *iface,
		    const char *prop, sd_bus_message *reply, void *data,
		    sd_bus_error *e)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	return sd_bus_message_append(reply, "s", sock_foot_name(data));
}

static int get_serial(sd_bus *bus, const char *path, const char *iface,
		      const char *prop, sd_bus_message *reply, void *data,
		      sd_bus_error *e)
{
	const struct sock *s = data;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	return sd_bus_message_append(reply, "s", s->serial);
}

static int get_iio(sd_bus *bus, const char *path, const char *iface,
		   const char *prop, sd_bus_message *reply, void *data,
		   sd_bus_error *e)
{
	const struct sock *s = data;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	return sd_bus_message_append(reply, "s", s->sysname);
}

static int get_firmware(sd_bus *bus, const char *path, const char *iface,
			const char *prop, sd_bus_message *reply, void *data,
			sd_bus_error *e)
{
	const struct sock *s = data;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	return sd_bus_message_append(reply, "s", s->firmware);
}

static int get_connected(sd_bus *bus, const char *path, const char *iface,
			 const char *prop, sd_bus_message *reply, void *data,
			 sd_bus_error *e)
{
	const struct sock *s = data;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	return sd_bus_message_append(reply, "b", s->connected);
}

static int get_rate(sd_bus *bus, const char *path, const char *iface,
		    const char *prop, sd_bus_message *reply, void *data,
		    sd_bus_error *e)
{
	const struct sock *s = data;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	return sd_bus_message_append(reply, "u", s->rate_hz);
}

static int get_level(sd_bus *bus, const char *path, const char *iface,
		     const char *prop, sd_bus_message *reply, void *data,
		     sd_bus_error *e)
{
	const struct sock *s = data;

	(void)bus, (void)path, (void)iface, (void)e;
	return sd_bus_message_append(reply, "s", fs_level_names[
		!strcmp(prop, "Level") ? s->st.level : s->st.level_max]);
}

static int get_activity(sd_bus *bus, const char *path, const char *iface,
			const char *prop, sd_bus_message *reply, void *data,
			sd_bus_error *e)
{
	const struct sock *s = data;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	return sd_bus_message_append(reply, "s", fs_activity_names[s->st.activity]);
}

static int get_baseline(sd_bus *bus, const char *path, const char *iface,
			const char *prop, sd_bus_message *reply, void *data,
			sd_bus_error *e)
{
	const struct sock *s = data;
	char base[64];

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	manager_baseline(s->m, base, sizeof(base));
	return sd_bus_message_append(reply, "s", base);
}

static int get_int(sd_bus *bus, const char *path, const char *iface,
		   const char *prop, sd_bus_message *reply, void *data,
		   sd_bus_error *e)
{
	const struct sock *s = data;
	int v;

	(void)bus, (void)path, (void)iface, (void)e;
	if (!strcmp(prop, "NumbnessRisk"))
		v = s->st.numbness_risk;
	else if (!strcmp(prop, "NumbnessRiskMax"))
		v = s->st.numbness_risk_max;
	else if (!strcmp(prop, "CirculationRestriction"))
		v = s->st.circulation_restriction;
	else
		v = s->st.circulation_restriction_max;
	return sd_bus_message_append(reply, "i", v);
}

static int get_trend(sd_bus *bus, const char *path, const char *iface,
		     const char *prop, sd_bus_message *reply, void *data,
		     sd_bus_error *e)
{
	const struct sock *s = data;
	enum fs_trend t = !strcmp(prop, "NumbnessRiskTrend") ?
			  s->st.numbness_trend : s->st.circulation_trend;

	(void)bus, (void)path, (void)iface, (void)e;
	return sd_bus_message_append(reply, "s", fs_trend_names[t]);
}

static int get_double(sd_bus *bus, const char *path, const char *iface,
		      const char *prop, sd_bus_message *reply, void *data,
		      sd_bus_error *e)
{
	const struct sock *s = data;
	double v;

	(void)bus, (void)path, (void)iface, (void)e;
	if (!strcmp(prop, "Cadence"))
		v = s->st.recent.cadence_spm;
	else if (!strcmp(prop, "StanceTime"))
		v = s->st.recent.stance_s;
	else
		v = s->st.recent.swing_s;
	/* NaN when unknown (no steps yet): a D-Bus double carries it. */
	return sd_bus_message_append(reply, "d", isfinite(v) ? v : NAN);
}

static int get_u64(sd_bus *bus, const char *path, const char *iface,
		   const char *prop, sd_bus_message *reply, void *data,
		   sd_bus_error *e)
{
	const struct sock *s = data;

	(void)bus, (void)path, (void)iface, (void)e;
	return sd_bus_message_append(reply, "t", !strcmp(prop, "Frames") ?
				     s->frames : s->gaps);
}

static int get_causes(sd_bus *bus, const char *path, const char *iface,
		      const char *prop, sd_bus_message *reply, void *data,
		      sd_bus_error *e)
{
	const struct sock *s = data;
	double ev = s->m->cfg.params.cause_evidence;
	bool used[FS_NCAUSES] = { false };
	int r, i, k;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	r = sd_bus_message_open_container(reply, 'a', "(sd)");
	if (r < 0)
		return r;
	/* Causes with evidence, highest score first. */
	for (k = 0; k < FS_NCAUSES; k++) {
		int best = -1;

		for (i = 0; i < FS_NCAUSES; i++)
			if (!used[i] && s->st.cause_score[i] >= ev &&
			    (best < 0 || s->st.cause_score[i] > s->st.cause_score[best]))
				best = i;
		if (best < 0)
			break;
		used[best] = true;
		r = sd_bus_message_append(reply, "(sd)", fs_cause_names[best],
					  s->st.cause_score[best]);
		if (r < 0)
			return r;
	}
	return sd_bus_message_close_container(reply);
}

/*
 * Left against right for the causes named now (as Causes has them, any
 * order): (cause, contrast "left_only"/"right_only"/"both_feet"/
 * "unavailable", the line "left only; right dorsum 1.2 kPa", the other
 * foot's figure or NaN).
 */
static int get_cause_contrast(sd_bus *bus, const char *path, const char *iface,
			      const char *prop, sd_bus_message *reply,
			      void *data, sd_bus_error *e)
{
	const struct sock *s = data;
	double ev = s->m->cfg.params.cause_evidence;
	int o = s->foot == FS_LEFT ? FS_RIGHT : FS_LEFT;
	struct fs_contrast ct;
	char line[160];
	int r, c;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	manager_sock_contrast(s->m, s, &ct);
	r = sd_bus_message_open_container(reply, 'a', "(sssd)");
	for (c = 0; r >= 0 && c < FS_NCAUSES; c++) {
		if (!(s->st.cause_score[c] >= ev) || ct.kind[c] == FS_CONTRAST_NONE)
			continue;
		fs_contrast_describe(&ct, c, s->foot, line, sizeof(line));
		r = sd_bus_message_append(reply, "(sssd)", fs_cause_names[c],
					  fs_contrast_names[ct.kind[c]], line,
					  ct.figure[c][o]);
	}
	if (r < 0)
		return r;
	return sd_bus_message_close_container(reply);
}

/* (kind "pressure" or "temperature", zone or site, fault) now. */
static int get_sensor_faults(sd_bus *bus, const char *path, const char *iface,
			     const char *prop, sd_bus_message *reply,
			     void *data, sd_bus_error *e)
{
	const struct sock *s = data;
	int r, i;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	r = sd_bus_message_open_container(reply, 'a', "(sss)");
	for (i = 0; r >= 0 && i < FS_NZONES; i++)
		if (s->zone_fault[i])
			r = sd_bus_message_append(reply, "(sss)", "pressure",
						  fs_zone_names[i],
						  fs_sensor_fault_names[s->zone_fault[i]]);
	for (i = 0; r >= 0 && i < FS_NTEMPS; i++)
		if (s->temp_fault[i])
			r = sd_bus_message_append(reply, "(sss)", "temperature",
						  fs_temp_names[i],
						  fs_sensor_fault_names[s->temp_fault[i]]);
	if (r < 0)
		return r;
	return sd_bus_message_close_container(reply);
}

/*
 * The newest relief or escalation: ("", "", 0, 0, 0, 0) before any (the
 * empty kind says so; a NaN here means only "not measured": rewarming).
 */
static int get_last_relief(sd_bus *bus, const char *path, const char *iface,
			   const char *prop, sd_bus_message *reply,
			   void *data, sd_bus_error *e)
{
	const struct sock *s = data;
	const struct fs_relief *r = fs_state_last_relief(&s->st);

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	if (!r)
		return sd_bus_message_append(reply, "(ssdddd)", "", "", 0.0, 0.0,
					     0.0, 0.0);
	return sd_bus_message_append(reply, "(ssdddd)",
				     r->kind == FS_RELIEF_RELIEVED ?
				     "relieved" : "not_relieved",
				     fs_cause_names[r->cause], r->before_kpa,
				     r->after_kpa, r->rewarm_c, r->minutes);
}

static int get_values(sd_bus *bus, const char *path, const char *iface,
		      const char *prop, sd_bus_message *reply, void *data,
		      sd_bus_error *e)
{
	const struct sock *s = data;
	bool pressure = !strcmp(prop, "Pressures");
	int n = pressure ? FS_NZONES : FS_NTEMPS, i, r;

	(void)bus, (void)path, (void)iface, (void)e;
	r = sd_bus_message_open_container(reply, 'a', "{sd}");
	if (r < 0)
		return r;
	for (i = 0; i < n; i++) {
		double v = pressure ? s->last.p[i] : s->last.temp[i];

		if (isnan(v))
			continue;	/* missing: not in the dictionary */
		r = sd_bus_message_append(reply, "{sd}", pressure ?
					  fs_zone_names[i] : fs_temp_names[i], v);
		if (r < 0)
			return r;
	}
	return sd_bus_message_close_container(reply);
}

static int sock_error(sd_bus_error *e, int r)
{
	switch (r) {
	case -ENODEV:
		return sd_bus_error_set(e, "org.footsock.Monitor1.Error.NotConnected",
					"The sock is not connected");
	case -EOPNOTSUPP:
		return sd_bus_error_set(e, SD_BUS_ERROR_NOT_SUPPORTED,
					"Not supported by a replayed sock");
	case -EINVAL:
		return sd_bus_error_set(e, SD_BUS_ERROR_INVALID_ARGS,
					"Invalid argument");
	default:
		return sd_bus_error_set_errno(e, r);
	}
}

static int method_tare(sd_bus_message *msg, void *data, sd_bus_error *e)
{
	int r = sock_tare(data);

	if (r < 0)
		return sock_error(e, r);
	return sd_bus_reply_method_return(msg, NULL);
}

static int method_rate(sd_bus_message *msg, void *data, sd_bus_error *e)
{
	struct sock *s = data;
	uint32_t hz;
	int r;

	r = sd_bus_message_read(msg, "u", &hz);
	if (r < 0)
		return r;
	r = sock_set_sampling_frequency(s, hz);
	if (r < 0)
		return sock_error(e, r);
	bus_sock_properties_changed(s);
	return sd_bus_reply_method_return(msg, NULL);
}

#define PROP(n, sig, get) \
	SD_BUS_PROPERTY(n, sig, get, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE)

static const sd_bus_vtable sock_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Foot", "s", get_foot, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("Serial", "s", get_serial, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("Firmware", "s", get_firmware, 0,
			SD_BUS_VTABLE_PROPERTY_CONST),
	PROP("Connected", "b", get_connected),
	PROP("IioDevice", "s", get_iio),
	PROP("RateHz", "u", get_rate),
	PROP("Level", "s", get_level),
	PROP("LevelMax", "s", get_level),
	PROP("NumbnessRisk", "i", get_int),
	PROP("NumbnessRiskMax", "i", get_int),
	PROP("CirculationRestriction", "i", get_int),
	PROP("CirculationRestrictionMax", "i", get_int),
	PROP("NumbnessRiskTrend", "s", get_trend),
	PROP("CirculationRestrictionTrend", "s", get_trend),
	PROP("Causes", "a(sd)", get_causes),
	PROP("CauseContrast", "a(sssd)", get_cause_contrast),
	PROP("SensorFaults", "a(sss)", get_sensor_faults),
	PROP("LastRelief", "(ssdddd)", get_last_relief),
	PROP("Activity", "s", get_activity),
	PROP("Baseline", "s", get_baseline),
	PROP("Cadence", "d", get_double),
	PROP("StanceTime", "d", get_double),
	PROP("SwingTime", "d", get_double),
	PROP("Pressures", "a{sd}", get_values),
	PROP("Temperatures", "a{sd}", get_values),
	PROP("Frames", "t", get_u64),
	PROP("Gaps", "t", get_u64),
	SD_BUS_SIGNAL_WITH_NAMES("LevelChanged", "ss", "level\0"
				 "cause\0", 0),
	SD_BUS_SIGNAL_WITH_NAMES("Relief", "ssdddd", "kind\0"
				 "cause\0"
				 "before_kpa\0"
				 "after_kpa\0"
				 "rewarm_c\0"
				 "minutes\0", 0),
	SD_BUS_METHOD("Tare", "", "", method_tare, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_NAMES("SetSamplingFrequency", "u", "hz\0",
				 "", "", method_rate, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_VTABLE_END
};

static int sock_find(sd_bus *bus, const char *path, const char *iface,
		     void *data, void **found, sd_bus_error *e)
{
	struct sock *s = manager_find_sock(data, path);

	(void)bus, (void)iface, (void)e;
	if (!s)
		return 0;
	*found = s;
	return 1;
}

static int sock_enumerate(sd_bus *bus, const char *path, void *data,
			  char ***nodes, sd_bus_error *e)
{
	struct manager *m = data;
	struct sock *s;
	size_t n = 0, i = 0;
	char **l;

	(void)bus, (void)path, (void)e;
	for (s = m->socks; s; s = s->next)
		n++;
	l = calloc(n + 1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	for (s = m->socks; s; s = s->next) {
		l[i] = strdup(s->path);
		if (!l[i]) {
			while (i)
				free(l[--i]);
			free(l);
			return -ENOMEM;
		}
		i++;
	}
	*nodes = l;
	return 0;
}

int bus_sock_register(struct manager *m)
{
	int r;

	r = sd_bus_add_fallback_vtable(m->bus, &m->slot_sock, FS_BUS_SOCK_PREFIX,
				       FS_BUS_SOCK_IFACE, sock_vtable, sock_find, m);
	if (r < 0)
		return r;
	return sd_bus_add_node_enumerator(m->bus, &m->slot_enum,
					  FS_BUS_SOCK_PREFIX, sock_enumerate, m);
}

void bus_sock_added(struct sock *s)
{
	if (s->m->bus)
		(void)sd_bus_emit_object_added(s->m->bus, s->path);
}

/* Before the sock leaves the list: the signal lists the interfaces that
 * the object, still found, has. */
void bus_sock_removed(struct sock *s)
{
	if (s->m->bus)
		(void)sd_bus_emit_object_removed(s->m->bus, s->path);
}

void bus_sock_properties_changed(struct sock *s)
{
	if (s->m->bus)
		(void)sd_bus_emit_properties_changed_strv(s->m->bus, s->path,
						     FS_BUS_SOCK_IFACE, NULL);
}

void bus_sock_level_changed(struct sock *s)
{
	int cause = fs_state_top_cause(&s->st, &s->m->cfg.params);

	if (s->m->bus)
		(void)sd_bus_emit_signal(s->m->bus, s->path, FS_BUS_SOCK_IFACE,
					 "LevelChanged", "ss",
					 fs_level_names[s->st.level],
					 cause >= 0 ? fs_cause_names[cause] : "");
}

/* Did the fix work: kind "relieved" or "not_relieved"; rewarm_c NaN when
 * not claimed (docs/daemon.md). */
void bus_sock_relief(struct sock *s, const struct fs_relief *r)
{
	if (s->m->bus)
		(void)sd_bus_emit_signal(s->m->bus, s->path, FS_BUS_SOCK_IFACE,
					 "Relief", "ssdddd",
					 r->kind == FS_RELIEF_RELIEVED ?
					 "relieved" : "not_relieved",
					 fs_cause_names[r->cause], r->before_kpa,
					 r->after_kpa, r->rewarm_c, r->minutes);
}
