# PERF_EVENT_IOC_SET_DRV_CONFIG: the patch series in patches/ and the harness
# that builds, boots and tests it.  "make help" lists the targets.

ARCH ?= x86_64
# The kernel's make and kunit.py must not inherit our ARCH or MAKEFLAGS.
RUN := env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u ARCH bash scripts

.PHONY: all demo selftest perf perftest bench check tree export deps build kunit bisect \
	checkpatch selfcheck manpage mbox send fresh-check rebase help clean distclean

ifeq ($(ARCH),arm64)
all: deps tree
	$(RUN)/board.sh
else
all: deps tree build demo
endif

help:
	@echo 'make               build the patched x86_64 kernel, boot it in QEMU, run the demo'
	@echo 'make ARCH=arm64    the patched arm64 kernel with CoreSight, its modules and perf,'
	@echo '                   for real boards, in build/arm64-board, booted in QEMU'
	@echo '                   (BOARD_CONFIG=FILE: on the board'"'"'s own .config, LSMOD=FILE:'
	@echo '                   only the modules in its lsmod; without: trimmed defconfig)'
	@echo 'make check         run every test; ends with "N passed, N failed"'
	@echo 'make check STAGES="kunit-x86_64 demo"'
	@echo '                   run some stages only: selfcheck checkpatch bisect size'
	@echo '                   kunit-x86_64 kunit-arm64 build perf demo selftest'
	@echo '                   perftest regress perf-arm64 selftest-arm64 perftest-arm64'
	@echo '                   manpage mbox send'
	@echo 'make tree          apply patches/ as commits in build/linux (FORCE=1: discard'
	@echo '                   commits there that were not exported)'
	@echo 'make export        regenerate patches/ from the commits in build/linux'
	@echo 'make rebase        after rebasing build/linux onto another linux-source-7.x:'
	@echo '                   record its base in patches/BASE, then make export'
	@echo 'make deps          install what is missing (apt-get, as root)'
	@echo 'make build         build the x86_64 QEMU kernel in build/x86_64'
	@echo 'make demo          boot build/x86_64 and run the demo in the guest'
	@echo 'make selftest      boot build/x86_64 and run the perf_events selftest,'
	@echo '                   64-bit and 32-bit, in the guest (ARCH=arm64: build/arm64-min'
	@echo '                   in qemu-system-aarch64, 64-bit)'
	@echo 'make perf          build perf (static, minimal) and libperf'"'"'s tests in build/perf'
	@echo '                   (ARCH=arm64: cross-built, in build/perf-arm64)'
	@echo 'make perftest      boot build/x86_64 with that perf and run its shell test of'
	@echo '                   --drv-config through "perf test", and libperf'"'"'s tests'
	@echo '                   (ARCH=arm64: build/arm64-min with build/perf-arm64)'
	@echo 'make bench         time the ioctl and context switches in QEMU, on non-debug'
	@echo '                   kernels with and without the series; build/bench/results.md'
	@echo 'make kunit         the KUnit suite in QEMU for $$ARCH (x86_64 or arm64)'
	@echo 'make bisect        build each patch for x86_64 and arm64, check warnings'
	@echo 'make checkpatch    scripts/checkpatch.pl --strict on every patch'
	@echo 'make manpage       apply patches/man-pages/ to perf_event_open(2) of Debian'"'"'s'
	@echo '                   manpages-dev and render it, warnings as errors'
	@echo 'make mbox          write the series as one mbox, build/series.mbox'
	@echo 'make send          the To/Cc of every patch (scripts/get_maintainer.pl) and'
	@echo '                   git send-email --dry-run of the series; never sends'
	@echo 'make fresh-check   make, then make check, in a minimal Debian 12 chroot from'
	@echo '                   nothing (as root; logs in build/fresh/logs)'
	@echo 'make clean         remove build outputs, keep build/linux and build/src'
	@echo 'make distclean     remove build/'

check:
	$(RUN)/check.sh $(STAGES)

deps:
	$(RUN)/deps.sh

tree: deps
	$(RUN)/tree.sh

export:
	$(RUN)/export.sh

rebase:
	$(RUN)/rebase.sh

build: tree
	$(RUN)/build.sh x86_64

demo:
	$(RUN)/demo.sh

selftest:
	$(RUN)/selftest.sh $(ARCH)

perf: tree
	$(RUN)/perf.sh $(ARCH)

perftest: tree
	$(RUN)/perftest.sh $(ARCH)

bench: tree
	$(RUN)/bench.sh

kunit: tree
	$(RUN)/kunit.sh $(ARCH)

bisect: tree
	$(RUN)/bisect.sh

checkpatch: tree
	$(RUN)/checkpatch.sh

selfcheck: tree
	$(RUN)/selfcheck.sh

manpage: deps
	$(RUN)/manpage.sh

mbox: tree
	$(RUN)/mbox.sh

send: tree
	$(RUN)/send.sh

fresh-check:
	$(RUN)/fresh-check.sh

clean:
	find build -mindepth 1 -maxdepth 1 ! -name linux ! -name src -exec rm -rf {} +

distclean:
	rm -rf build
