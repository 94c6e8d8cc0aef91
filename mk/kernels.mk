# The kernels footsock is built and tested against; the one place they are
# pinned. mk/kver resolves a series to what is installed (or, for
# `make deps`, to what the archive offers), falling back to the newest
# release of the series when the pin is gone.
KSERIES_VM := 6.12
KPIN_6.12 := 6.12.117+deb12-amd64
KPIN_6.1 := 6.1.0-56-amd64
export KPIN_6.12 KPIN_6.1
