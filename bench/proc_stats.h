// Memory of another process (cftd), from /proc. Linux only.
#pragma once

#include <cstdint>
#include <sys/types.h>

namespace cft::bench {

// Peak resident set (VmHWM) in KiB, or -1 if it cannot be read.
int64_t PeakRssKb(pid_t pid);

// Starts a new peak from the current resident set (writes 5 to
// /proc/PID/clear_refs), so each workload's peak is its own. False if the
// kernel or permissions do not allow it; peaks then span the whole run.
bool ResetPeakRss(pid_t pid);

// User plus system CPU time of all the process's threads so far, in seconds;
// -1 if it cannot be read.
double CpuSeconds(pid_t pid);

// CPU time all processes on the machine have used so far (every core's user,
// nice, system, irq and softirq time from /proc/stat), in seconds; -1 if
// unreadable. With CpuSeconds it shows what processes outside the benchmark used.
double MachineBusySeconds();

}  // namespace cft::bench
