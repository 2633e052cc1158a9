// SPDX-License-Identifier: GPL-2.0
/*
 * What a user sees of PERF_EVENT_IOC_SET_DRV_CONFIG, on the drv_config_test
 * PMU, whose events count the "value=<u64>" they are configured with.
 * Prints each step; exits 0 if the kernel behaved as documented, 1 if not,
 * 2 if the kernel has no drv_config_test PMU.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/perf_event.h>

static int failed;

static int open_event(uint32_t type, uint64_t config, int cpu)
{
	struct perf_event_attr attr = {
		.type = type,
		.size = sizeof(attr),
		.config = config,
	};
	int fd = syscall(SYS_perf_event_open, &attr, cpu < 0 ? 0 : -1, cpu,
			 -1, 0);

	if (fd < 0) {
		printf("perf_event_open(type %u): %s\n", type, strerror(errno));
		exit(1);
	}
	return fd;
}

static uint64_t count(int fd)
{
	uint64_t val;

	if (read(fd, &val, sizeof(val)) != sizeof(val)) {
		printf("read: %s\n", strerror(errno));
		exit(1);
	}
	return val;
}

/*
 * Configure @fd with @str; expect errno @err (0: success), then count @want.
 * A failed call is followed by a restart (disable, enable), so that the
 * count shows the configuration in force, not only that nothing restarted.
 */
static void step(const char *what, int fd, const char *str, int err,
		 uint64_t want)
{
	int ret = ioctl(fd, PERF_EVENT_IOC_SET_DRV_CONFIG, str);
	int got = ret ? errno : 0;
	uint64_t val;
	int ok;

	if (got && (ioctl(fd, PERF_EVENT_IOC_DISABLE, 0) ||
		    ioctl(fd, PERF_EVENT_IOC_ENABLE, 0))) {
		printf("restart: %s\n", strerror(errno));
		exit(1);
	}
	val = count(fd);
	ok = got == err && val == want;
	printf("%-6s %-34s ioctl(\"%s\") = %s, %s = %llu\n",
	       ok ? "ok" : "not ok", what, str, got ? strerror(got) : "0",
	       got ? "restarted, read()" : "read()", (unsigned long long)val);
	failed |= !ok;
}

int main(void)
{
	unsigned int type;
	FILE *f;
	int fd;

	f = fopen("/sys/bus/event_source/devices/drv_config_test/type", "r");
	if (!f || fscanf(f, "%u", &type) != 1) {
		printf("no drv_config_test PMU: this kernel lacks the series\n");
		return 2;
	}
	fclose(f);
	printf("drv_config_test PMU: type %u\n", type);

	fd = open_event(type, 0, -1);
	printf("opened a running event on this task, read() = %llu\n",
	       (unsigned long long)count(fd));
	step("set a value while it runs", fd, "value=42", 0, 42);
	step("hexadecimal", fd, "value=0x2a00", 0, 0x2a00);
	step("bad value: old one stays", fd, "value=4x2", EINVAL, 0x2a00);
	step("overflow: old one stays", fd, "value=18446744073709551616",
	     EINVAL, 0x2a00);
	step("unknown key: old one stays", fd, "sink=tmc_etr0", EINVAL, 0x2a00);
	step("empty string: back to default", fd, "", 0, 0);
	close(fd);

	fd = open_event(type, 0, 0);
	step("CPU-wide event on CPU 0", fd, "value=7", 0, 7);
	close(fd);

	fd = open_event(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_DUMMY, -1);
	errno = 0;
	ioctl(fd, PERF_EVENT_IOC_SET_DRV_CONFIG, "value=1");
	printf("%-6s %-34s ioctl(\"value=1\") = %s\n",
	       errno == EOPNOTSUPP ? "ok" : "not ok",
	       "software event: no such config", strerror(errno));
	failed |= errno != EOPNOTSUPP;
	close(fd);

	printf("demo: %s\n", failed ? "FAILED" : "the ioctl works end to end");
	return failed;
}
