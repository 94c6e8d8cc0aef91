# SPDX-License-Identifier: GPL-2.0-or-later
# make check-fresh: the README's two commands from scratch, `make demo` and
# `make check` each in its own clean Debian 12 root (debootstrap minbase +
# make, git, ca-certificates; a clone of HEAD). Root only; see
# mk/check-fresh. FRESH_ONLY=demo|check runs one root, FRESH_KEEP=1 keeps
# the roots, FRESH_AS_CHECK=1 prints the check root's make check as it goes
# and adds its results case by case (.ci/run); logs in $(O)/fresh/.

FRESH_ONLY ?=
FRESH_KEEP ?=
FRESH_AS_CHECK ?=

check-fresh:
	@FRESH_ONLY='$(FRESH_ONLY)' FRESH_KEEP='$(FRESH_KEEP)' \
		FRESH_AS_CHECK='$(FRESH_AS_CHECK)' mk/check-fresh $(O)/fresh

.PHONY: check-fresh
