// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsockd: the sender check. One filter on the connection sees every
 * incoming method call before sd-bus dispatches it to an object, so every
 * way the data leaves on request is covered by one list of what is
 * public, and everything else (the sock objects' Get/GetAll and methods,
 * GetManagedObjects, GetAll on the manager, its private properties,
 * GetEvents, the recording methods, a method added later) needs a sender
 * that may read:
 *
 *  - its effective uid, as the bus vouches for it (never read from
 *    /proc: that would race with the sender's exit and a reused pid), is
 *    0 or footsockd's own (the model of sd_bus_query_sender_privilege());
 *  - or its process is in group footsock: the groups the bus reports
 *    (GetConnectionCredentials' UnixGroupIDs, which dbus-daemon takes
 *    from the socket, SO_PEERGROUPS, and also uses for
 *    <policy group="footsock">), so that the two layers agree; only a
 *    bus that does not report them leaves the user database to say
 *    (the sender's user among the group's members).
 *
 * Signals cannot be checked here (anyone may add a match rule); the bus
 * policy keeps them from everyone else (org.footsock.Monitor1.conf).
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access.h"
#include "bus-names.h"
#include "util.h"

#define PROPERTIES_IFACE "org.freedesktop.DBus.Properties"

/* The manager's properties anyone may Get: no subject's data in them. */
static const char *const public_properties[] = {
	"Version", "Status", "Uptime", "Socks",
};

bool access_public(sd_bus_message *m)
{
	const char *iface = sd_bus_message_get_interface(m);
	const char *member = sd_bus_message_get_member(m);
	const char *path = sd_bus_message_get_path(m);
	const char *prop_iface, *prop;
	bool pub = false;
	size_t i;

	if (!iface || !member || !path)
		return false;
	if (!strcmp(iface, "org.freedesktop.DBus.Introspectable") ||
	    !strcmp(iface, "org.freedesktop.DBus.Peer"))
		return true;
	if (strcmp(path, FS_BUS_PATH) || strcmp(iface, PROPERTIES_IFACE) ||
	    strcmp(member, "Get"))
		return false;
	if (sd_bus_message_read(m, "ss", &prop_iface, &prop) >= 0 &&
	    !strcmp(prop_iface, FS_BUS_IFACE))
		for (i = 0; i < ARRAY_SIZE(public_properties); i++)
			if (!strcmp(prop, public_properties[i]))
				pub = true;
	/* The object's handler reads the arguments again (also after a
	 * failed read, which may have moved on). */
	if (sd_bus_message_rewind(m, true) < 0)
		return false;
	return pub;
}

/* The gid of ACCESS_GROUP; -ENOENT when there is no such group. */
static int group_gid(gid_t *gid)
{
	struct group gr, *res = NULL;
	char buf[16384];
	int r;

	r = getgrnam_r(ACCESS_GROUP, &gr, buf, sizeof(buf), &res);
	if (r)
		return -r;
	if (!res)
		return -ENOENT;
	*gid = res->gr_gid;
	return 0;
}

/* Whether the user database puts uid's user in group gid. */
static bool user_in_group(uid_t uid, gid_t gid)
{
	struct passwd pw, *res = NULL;
	char buf[16384];
	gid_t groups[256];
	int n = (int)ARRAY_SIZE(groups), i;

	if (getpwuid_r(uid, &pw, buf, sizeof(buf), &res) || !res)
		return false;
	if (res->pw_gid == gid)
		return true;
	/* More groups than room: the first n are checked, -1 returned. */
	if (getgrouplist(res->pw_name, res->pw_gid, groups, &n) < 0)
		n = (int)ARRAY_SIZE(groups);
	for (i = 0; i < n; i++)
		if (groups[i] == gid)
			return true;
	return false;
}

/*
 * Whether the bus's UnixGroupIDs for the sender (GetConnectionCredentials:
 * the process's groups, SO_PEERGROUPS, dbus-daemon 1.14 has them) hold
 * gid: 1 or 0; -ENODATA when the bus does not say (libsystemd 252 does
 * not read that key into sd_bus_creds, so it is asked here).
 */
static int bus_groups_hold(sd_bus_message *m, gid_t gid)
{
	_cleanup_(sd_bus_message_unrefp) sd_bus_message *reply = NULL;
	const char *sender = sd_bus_message_get_sender(m), *key;
	int r, found = -ENODATA;
	uint32_t g;

	if (!sender)
		return -ENODATA;
	r = sd_bus_call_method(sd_bus_message_get_bus(m), "org.freedesktop.DBus",
			       "/org/freedesktop/DBus", "org.freedesktop.DBus",
			       "GetConnectionCredentials", NULL, &reply, "s",
			       sender);
	if (r < 0)
		return r;
	r = sd_bus_message_enter_container(reply, 'a', "{sv}");
	while (r >= 0 && (r = sd_bus_message_enter_container(reply, 'e', "sv")) > 0) {
		r = sd_bus_message_read(reply, "s", &key);
		if (r < 0)
			break;
		if (strcmp(key, "UnixGroupIDs")) {
			r = sd_bus_message_skip(reply, "v");
		} else {
			r = sd_bus_message_enter_container(reply, 'v', "au");
			if (r >= 0)
				r = sd_bus_message_enter_container(reply, 'a', "u");
			found = 0;
			while (r >= 0 && (r = sd_bus_message_read(reply, "u", &g)) > 0)
				if (g == gid)
					found = 1;
			if (r >= 0)
				r = sd_bus_message_exit_container(reply);
			if (r >= 0)
				r = sd_bus_message_exit_container(reply);
		}
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
	}
	return r < 0 ? r : found;
}

int access_sender_allowed(sd_bus_message *m)
{
	_cleanup_(sd_bus_creds_unrefp) sd_bus_creds *c = NULL;
	const gid_t *gids;
	gid_t gid, egid;
	uid_t euid;
	int r, n, i;

	/* No SD_BUS_CREDS_AUGMENT: only what the bus says. */
	r = sd_bus_query_sender_creds(m, SD_BUS_CREDS_EUID | SD_BUS_CREDS_EGID |
				      SD_BUS_CREDS_SUPPLEMENTARY_GIDS, &c);
	if (r < 0)
		return r;
	r = sd_bus_creds_get_euid(c, &euid);
	if (r < 0)
		return r;
	if (euid == 0 || euid == geteuid())
		return 1;
	if (group_gid(&gid) < 0)
		return 0;
	if (sd_bus_creds_get_egid(c, &egid) >= 0 && egid == gid)
		return 1;
	n = sd_bus_creds_get_supplementary_gids(c, &gids);
	if (n >= 0) {
		for (i = 0; i < n; i++)
			if (gids[i] == gid)
				return 1;
		return 0;
	}
	r = bus_groups_hold(m, gid);
	if (r >= 0)
		return r;
	/* A bus that does not say: as dbus-daemon without SO_PEERGROUPS. */
	return user_in_group(euid, gid);
}

static int filter(sd_bus_message *m, void *data, sd_bus_error *e)
{
	const char *iface, *member;
	int r;

	(void)data, (void)e;
	if (!sd_bus_message_is_method_call(m, NULL, NULL) || access_public(m))
		return 0;
	r = access_sender_allowed(m);
	if (r > 0)
		return 0;
	iface = sd_bus_message_get_interface(m);
	member = sd_bus_message_get_member(m);
	if (r < 0)
		r = sd_bus_reply_method_errorf(m, SD_BUS_ERROR_ACCESS_DENIED,
					       "Sock data is readable by root and group "
					       ACCESS_GROUP " only; cannot tell who asks: %s",
					       strerror(-r));
	else
		r = sd_bus_reply_method_errorf(m, SD_BUS_ERROR_ACCESS_DENIED,
					       "Sock data (%s.%s) is readable by root and group "
					       ACCESS_GROUP " only",
					       iface ? iface : "", member ? member : "");
	/* Handled: no object sees the call. */
	return r < 0 ? r : 1;
}

int access_install(sd_bus *bus)
{
	/* Floating: the filter lives as long as the connection. */
	return sd_bus_add_filter(bus, NULL, filter, NULL);
}
