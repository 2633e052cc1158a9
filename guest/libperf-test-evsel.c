// SPDX-License-Identifier: GPL-2.0
/*
 * Runs libperf's test-evsel alone. Its tests-static runs the tests of
 * cpumap, threadmap, evlist and evsel in turn and stops at the first that
 * fails; those of evlist fail under TCG, which has no hardware PMU, and
 * would keep test-evsel, where perf_evsel__apply_drv_config() is tested,
 * from running.
 */
int tests_failed;
int tests_verbose;

int test_evsel(int argc, char **argv);

int main(int argc, char **argv)
{
	return test_evsel(argc, argv) ? 1 : 0;
}
