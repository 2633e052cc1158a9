// SPDX-License-Identifier: GPL-2.0
/*
 * What PERF_EVENT_IOC_SET_DRV_CONFIG costs, for make bench.  Times with the
 * TSC (rdtsc: the clock of TCG is too coarse for one ioctl), takes the median
 * of many iterations, and interleaves what it compares in one loop.  Prints
 * "bench KEY VALUE" lines, in TSC cycles, for scripts/bench.sh:
 *   tsc_mhz          TSC cycles per microsecond
 *   drv_config       SET_DRV_CONFIG on a running drv_config_test event
 *   period           PERF_EVENT_IOC_PERIOD on the same event
 *   reconf_ioctl     SET_DRV_CONFIG on an event with a ring buffer
 *   reconf_reopen    munmap, close, perf_event_open and mmap of the same
 *   children_N       SET_DRV_CONFIG on an event that N sleeping children
 *                    inherited (N = 0, 1, 8, 64)
 *   ctxsw            one round trip of a pipe ping-pong between two tasks
 *                    on CPU 0 that inherited a task-clock event, once a run
 * and, on the AUX tracer drv_config_aux of the test module, which writes a
 * record with the value in force at each multiple of 100 us of
 * CLOCK_MONOTONIC while it runs (medians, and the 10th and 90th percentiles
 * as _p10 and _p90):
 *   trace_lost_ioctl records missing around a change by SET_DRV_CONFIG,
 *                    between the last with the old value and the first
 *                    with the new one
 *   trace_lost_reopen the same for a change by munmap, close,
 *                    perf_event_open and both mmap()s
 *   trace_latency    from the ioctl's return to the due time of the first
 *                    record with the new value, in nanoseconds
 * Without the drv_config_test PMU (the base kernel) only ctxsw runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/perf_event.h>

#ifndef PERF_EVENT_IOC_SET_DRV_CONFIG
#define PERF_EVENT_IOC_SET_DRV_CONFIG _IOW('$', 12, char *)
#endif

#define RING_PAGES	(1 + 8)

static long page;

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return (uint64_t)hi << 32 | lo;
}

static void die(const char *what)
{
	printf("bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, int n)
{
	qsort(v, n, sizeof(*v), cmp);
	return v[n / 2];
}

static int open_event(uint32_t type, uint64_t config, uint64_t period,
		      int inherit)
{
	struct perf_event_attr attr = {
		.type = type,
		.size = sizeof(attr),
		.config = config,
		.sample_period = period,
		.inherit = inherit,
	};
	int fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);

	if (fd < 0)
		die("perf_event_open");
	return fd;
}

static void *map_ring(int fd)
{
	void *p = mmap(NULL, RING_PAGES * page, PROT_READ | PROT_WRITE,
		       MAP_SHARED, fd, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

/* Time one SET_DRV_CONFIG; alternate two values so that each one changes. */
static uint64_t set_config(int fd, int i)
{
	uint64_t t = rdtsc();

	if (ioctl(fd, PERF_EVENT_IOC_SET_DRV_CONFIG, i & 1 ? "value=1" : "value=2"))
		die("SET_DRV_CONFIG");
	return rdtsc() - t;
}

static uint64_t set_period(int fd, int i)
{
	uint64_t period = i & 1 ? 1000000 : 1000001, t = rdtsc();

	if (ioctl(fd, PERF_EVENT_IOC_PERIOD, &period))
		die("PERIOD");
	return rdtsc() - t;
}

/* (1) SET_DRV_CONFIG against PERIOD, both restarting the same event. */
static void bench_period(unsigned int type, int n)
{
	uint64_t *a = calloc(n, sizeof(*a)), *b = calloc(n, sizeof(*b));
	int fd = open_event(type, 0, 1000000, 0);

	for (int i = 0; i < n; i++) {
		/* Alternate which goes first. */
		if (i & 1) {
			a[i] = set_config(fd, i);
			b[i] = set_period(fd, i);
		} else {
			b[i] = set_period(fd, i);
			a[i] = set_config(fd, i);
		}
	}
	close(fd);
	printf("bench drv_config %llu\n", (unsigned long long)median(a, n));
	printf("bench period %llu\n", (unsigned long long)median(b, n));
	free(a);
	free(b);
}

/* (2) the ioctl against reopening the event with its ring buffer. */
static void bench_reopen(unsigned int type, int n)
{
	uint64_t *a = calloc(n, sizeof(*a)), *b = calloc(n, sizeof(*b)), t;
	int fd = open_event(type, 0, 1000000, 0);
	void *ring = map_ring(fd);

	for (int i = 0; i < n; i++) {
		a[i] = set_config(fd, i);
		t = rdtsc();
		munmap(ring, RING_PAGES * page);
		close(fd);
		fd = open_event(type, 0, 1000000, 0);
		ring = map_ring(fd);
		b[i] = rdtsc() - t;
	}
	munmap(ring, RING_PAGES * page);
	close(fd);
	printf("bench reconf_ioctl %llu\n", (unsigned long long)median(a, n));
	printf("bench reconf_reopen %llu\n", (unsigned long long)median(b, n));
	free(a);
	free(b);
}

/*
 * (3) SET_DRV_CONFIG on an event inherited by @nchild children that sleep
 * in read() on a pipe; @rounds times each, round robin.
 */
static void bench_children(unsigned int type, int rounds, int n)
{
	static const int nchildren[] = { 0, 1, 8, 64 };
	int k = sizeof(nchildren) / sizeof(nchildren[0]);
	uint64_t *v[4];

	for (int c = 0; c < k; c++)
		v[c] = calloc(rounds * n, sizeof(*v[c]));
	for (int r = 0; r < rounds; r++) {
		for (int c = 0; c < k; c++) {
			int fd = open_event(type, 0, 0, 1), p[2];
			char x;

			if (pipe(p))
				die("pipe");
			for (int i = 0; i < nchildren[c]; i++) {
				pid_t pid = fork();

				if (pid < 0)
					die("fork");
				if (!pid) {
					close(p[1]);
					_exit(read(p[0], &x, 1) != 0);
				}
			}
			close(p[0]);
			/* Let the children reach read() and sleep. */
			usleep(20000);
			for (int i = 0; i < n; i++)
				v[c][r * n + i] = set_config(fd, i);
			close(p[1]);
			while (wait(NULL) > 0)
				;
			close(fd);
		}
	}
	for (int c = 0; c < k; c++) {
		printf("bench children_%d %llu\n", nchildren[c],
		       (unsigned long long)median(v[c], rounds * n));
		free(v[c]);
	}
}

/*
 * (4) pipe ping-pong between this task and a child, both on CPU 0, which
 * inherited a task-clock event: each round trip is two context switches
 * between tasks with a perf context.  One median of @n batches of @batch
 * round trips per run.
 */
static void bench_ctxsw(int runs, int n, int batch)
{
	uint64_t *v = calloc(n, sizeof(*v)), t;
	int ping[2], pong[2], fd;
	cpu_set_t cpus;
	char x = 0;
	pid_t pid;

	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus))
		die("sched_setaffinity");
	fd = open_event(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK, 0, 1);
	if (pipe(ping) || pipe(pong))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		close(ping[1]);
		close(pong[0]);
		while (read(ping[0], &x, 1) == 1)
			if (write(pong[1], &x, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(ping[0]);
	close(pong[1]);
	for (int r = 0; r < runs; r++) {
		for (int i = 0; i < n; i++) {
			t = rdtsc();
			for (int j = 0; j < batch; j++)
				if (write(ping[1], &x, 1) != 1 ||
				    read(pong[0], &x, 1) != 1)
					die("ping-pong");
			v[i] = (rdtsc() - t) / batch;
		}
		printf("bench ctxsw %llu\n", (unsigned long long)median(v, n));
	}
	close(ping[1]);
	waitpid(pid, NULL, 0);
	close(fd);
	free(v);
}

/* A record of drv_config_aux (kernel/events/drv_config_test.h) */
struct aux_record {
	uint64_t seq, value, time;
	uint32_t cpu, tid;
};

#define TRACE_PERIOD_NS	100000		/* attr.config1 0: 100 us */
#define TRACE_AUX_SIZE	(256 * 1024)

struct tracer {
	int fd;
	struct perf_event_mmap_page *pg;
	void *aux;
	uint64_t tail;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/*
 * A tracer of CPU 0 with @value, enabled, its records published one by one
 * (aux_watermark); as perf would open it for a change: open, both mmap()s,
 * configure, enable.
 */
static void tracer_open(struct tracer *t, unsigned int type, int value)
{
	struct perf_event_attr attr = {
		.type		= type,
		.size		= sizeof(attr),
		.disabled	= 1,
		.aux_watermark	= sizeof(struct aux_record),
	};

	t->fd = syscall(SYS_perf_event_open, &attr, -1, 0, -1, 0);
	if (t->fd < 0)
		die("perf_event_open drv_config_aux");
	t->pg = map_ring(t->fd);
	t->pg->aux_offset = RING_PAGES * page;
	t->pg->aux_size = TRACE_AUX_SIZE;
	t->aux = mmap(NULL, TRACE_AUX_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		      t->fd, t->pg->aux_offset);
	if (t->aux == MAP_FAILED)
		die("mmap AUX");
	t->tail = 0;
	set_config(t->fd, value);
	if (ioctl(t->fd, PERF_EVENT_IOC_ENABLE, 0))
		die("ENABLE");
}

static void tracer_close(struct tracer *t)
{
	munmap(t->aux, TRACE_AUX_SIZE);
	munmap(t->pg, RING_PAGES * page);
	close(t->fd);
}

/*
 * Read the records published since the last call: the due time of the last
 * one with @old in *@last_old, of the first with @new in *@first_new (if 0).
 * Returns whether one with @new came.
 */
static int drain(struct tracer *t, uint64_t old, uint64_t new,
		 uint64_t *last_old, uint64_t *first_new)
{
	uint64_t head = __atomic_load_n(&t->pg->aux_head, __ATOMIC_ACQUIRE);
	struct aux_record r;

	for (; t->tail < head; t->tail += sizeof(r)) {
		memcpy(&r, (char *)t->aux + t->tail % TRACE_AUX_SIZE, sizeof(r));
		if (r.value == old && !*first_new)
			*last_old = r.time;
		else if (r.value == new && !*first_new)
			*first_new = r.time;
	}
	__atomic_store_n(&t->pg->aux_tail, t->tail, __ATOMIC_RELEASE);
	return *first_new != 0;
}

/* The median, 10th and 90th percentiles of @v, sorted once. */
static void print_pct(const char *key, uint64_t *v, int n)
{
	qsort(v, n, sizeof(*v), cmp);
	printf("bench %s %llu\n", key, (unsigned long long)v[(n - 1) / 2]);
	printf("bench %s_p10 %llu\n", key, (unsigned long long)v[(n - 1) / 10]);
	printf("bench %s_p90 %llu\n", key, (unsigned long long)v[(n - 1) * 9 / 10]);
}

/*
 * (5) What a change costs in trace: @n changes by the ioctl and @n by
 * reopening, alternately, of a tracer of CPU 0, which this task runs on
 * and reads the records on.
 */
static void bench_trace(unsigned int type, int n)
{
	uint64_t *lost[2], *lat = calloc(n, sizeof(*lat));
	uint64_t last_old, first_new, ret;
	struct tracer tr;
	cpu_set_t cpus;
	int value = 1;

	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus))
		die("sched_setaffinity");
	for (int k = 0; k < 2; k++)
		lost[k] = calloc(n, sizeof(*lost[k]));
	tracer_open(&tr, type, value);
	for (int i = 0; i < 2 * n; i++) {
		int k = i & 1, old = value;

		value = 3 - value;
		last_old = first_new = 0;
		/* all published read, one with the old value at least */
		while (drain(&tr, old, value, &last_old, &first_new), !last_old)
			;
		if (!k) {
			set_config(tr.fd, value);
		} else {
			tracer_close(&tr);
			tracer_open(&tr, type, value);
		}
		ret = now_ns();
		while (!drain(&tr, old, value, &last_old, &first_new))
			;
		lost[k][i / 2] = (first_new - last_old) / TRACE_PERIOD_NS - 1;
		if (!k)
			lat[i / 2] = first_new > ret ? first_new - ret : 0;
	}
	tracer_close(&tr);
	print_pct("trace_lost_ioctl", lost[0], n);
	print_pct("trace_lost_reopen", lost[1], n);
	print_pct("trace_latency", lat, n);
	for (int k = 0; k < 2; k++)
		free(lost[k]);
	free(lat);
}

/* TSC cycles per microsecond, against CLOCK_MONOTONIC over 200 ms. */
static void tsc_mhz(void)
{
	struct timespec a, b;
	uint64_t t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &a);
	t0 = rdtsc();
	usleep(200000);
	clock_gettime(CLOCK_MONOTONIC, &b);
	t1 = rdtsc();
	printf("bench tsc_mhz %llu\n", (unsigned long long)((t1 - t0) * 1000 /
	       ((b.tv_sec - a.tv_sec) * 1000000000ULL + b.tv_nsec - a.tv_nsec)));
}

int main(void)
{
	unsigned int type;
	FILE *f;

	setvbuf(stdout, NULL, _IOLBF, 0);
	page = sysconf(_SC_PAGESIZE);
	tsc_mhz();
	f = fopen("/sys/bus/event_source/devices/drv_config_test/type", "r");
	if (f && fscanf(f, "%u", &type) == 1) {
		bench_period(type, 4000);
		bench_reopen(type, 400);
		bench_children(type, 5, 200);
	} else {
		printf("bench: no drv_config_test PMU: context switches only\n");
	}
	if (f)
		fclose(f);
	f = fopen("/sys/bus/event_source/devices/drv_config_aux/type", "r");
	if (f && fscanf(f, "%u", &type) == 1)
		bench_trace(type, 200);
	if (f)
		fclose(f);
	bench_ctxsw(5, 50, 200);
	return 0;
}
