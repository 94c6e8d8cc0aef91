# SPDX-License-Identifier: GPL-2.0-or-later
# make deb: the Debian packages footsock and footsock-dkms (debian/,
# docs/packaging.md) into $(O)/deb, checked by lintian. Their tests: the
# module built by DKMS from the packaged source tree against both Debian
# kernels, and the packages themselves.

deb:
	mk/deb $(O)/deb

UNIT_TESTS += tests/unit/test-dkms tests/unit/test-deb

.PHONY: deb
