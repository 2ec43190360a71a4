#!/usr/bin/env python3
"""CPU seconds per thread group, per job, from a gui-attached.sh run with THREADS_DIR.

    python3 bench/threads-per-job.py COMPARE_DIR THREADS_DIR

For every server run of the compare.sh folder whose sampled threads are in THREADS_DIR (files
LABEL-PID.tsv, "epoch tid nice utime stime comm" once a second), prints each job's wall time and the CPU
seconds its threads took, grouped: the reactor, the FX thread, the renderer, the window's other threads,
the C2 and C1 compilers, and everything else (GC, the capture's writer, ...); then the server's CPU per
operation as the load generator measured it, and the reactor thread's part of it (that figure times the
reactor's share of the sampled CPU): the engine's own cost with its watchers attached.
A job's window is [end - wall_s, end] (warm-up included): end is the mtime of the job's result file.
"""
import collections
import glob
import json
import os
import re
import sys

WINDOW = re.compile(r'^(InvokeLaterDisp|Prism Font Disp|netmon-ui-clock|JavaFX-Launcher|gmain|dconf worker|netmon-icons)')
GROUPS = ['reactor', 'fx', 'render', 'window', 'C2', 'C1', 'other']
HZ = os.sysconf('SC_CLK_TCK')


def group(comm):
    if comm == 'JavaFX Applicat':
        return 'fx'
    if comm == 'QuantumRenderer':
        return 'render'
    if WINDOW.match(comm):
        return 'window'
    if comm.startswith('netmon-reactor'):
        return 'reactor'
    if comm.startswith('C2 '):
        return 'C2'
    if comm.startswith('C1 '):
        return 'C1'
    return 'other'


def properties(path):
    with open(path) as f:
        return dict(line.rstrip('\n').split('=', 1) for line in f if '=' in line)


def samples(path):
    by_time = collections.defaultdict(dict)
    with open(path) as f:
        for line in f:
            epoch, tid, _nice, utime, stime, comm = line.rstrip('\n').split('\t', 5)
            by_time[float(epoch)][tid] = (int(utime) + int(stime), comm)
    return by_time


def at(by_time, times, t):
    """The last sample at or before t (the first one if none is)."""
    best = times[0]
    for x in times:
        if x <= t:
            best = x
    return by_time[best]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    compare_dir, threads_dir = sys.argv[1:]
    runs = {}
    for d in glob.glob(os.path.join(compare_dir, 'runs', '*', '')):
        p = properties(os.path.join(d, 'run.properties'))
        if 'pid' in p:
            runs[int(p['pid'])] = (d, p)
    for f in sorted(glob.glob(os.path.join(threads_dir, '*.tsv')), key=os.path.getmtime):
        pid = int(f.rsplit('-', 1)[1][:-4])
        # The sampled JVM is a child of the wrapper run.sh started: a pid a little above the run's.
        owners = [k for k in runs if 0 < pid - k < 50]
        if not owners:
            continue
        d, p = runs[min(owners, key=lambda k: pid - k)]
        by_time = samples(f)
        times = sorted(by_time)
        lines = []
        for job_file in sorted(glob.glob(os.path.join(d, 'jobs', '*.json')), key=os.path.getmtime):
            job = os.path.basename(job_file)[:-5]
            wall = float(p.get('job.%s.wall_s' % job, 0))
            if wall <= 0:
                continue
            end = os.stat(job_file).st_mtime
            if end - wall < times[0] - 2 or end > times[-1] + 2:
                continue  # these samples are of another run's JVM (a pid reused)
            a, b = at(by_time, times, end - wall), at(by_time, times, end)
            cpu = collections.Counter()
            for tid, (ticks, comm) in b.items():
                cpu[group(comm)] += (ticks - a.get(tid, (0, comm))[0]) / HZ
            line = '  %-28s %5.1fs  ' % (job, wall) + ' '.join('%s=%.2f' % (g, cpu[g]) for g in GROUPS)
            total = sum(cpu.values())
            line += '  total=%.2f' % total
            with open(job_file) as jf:
                per_op = json.load(jf).get('server_cpu_us_per_op')
            if per_op and total > 0:
                line += '  us/op=%.3g reactor us/op=%.3g' % (per_op, per_op * cpu['reactor'] / total)
            lines.append(line)
        if lines:
            print(os.path.basename(d.rstrip('/')), os.path.basename(f))
            print('\n'.join(lines))


if __name__ == '__main__':
    main()
