"""First run of the demo: `gonghui migrate` then `gonghui demo` on a fresh SQLite file, as
`bin/serve` does on a fresh clone.

    .venv/bin/python bench/demo.py            # one run in a temporary directory
    .venv/bin/python bench/demo.py --keep /tmp/demo-db

Prints wall time and CPU time (user + system of the child processes) for each step beside the
target (the whole first run under 60 s), each area's line as `gonghui demo` prints it, and a
machine-speed reference: the same pure-Python loop timed here, so figures from a shared or slow
machine can be read against a quiet one (the CPU time is what the work costs; on a machine
shared with other jobs the wall time is longer).
"""

import argparse
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 60


def reference_ms():
    """A fixed piece of pure-Python work (hashing and dict churn), best of three, in CPU ms: the
    speed of this machine's cores, whatever else runs on them."""
    best = None
    for _ in range(3):
        start = time.process_time()
        table = {}
        for i in range(200_000):
            table[hashlib.sha256(str(i).encode()).hexdigest()[:8]] = i
        elapsed = (time.process_time() - start) * 1000
        best = elapsed if best is None else min(best, elapsed)
    return best


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def step(argv, env):
    cpu, start = children_cpu(), time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "gonghui.cli", *argv], env=env, cwd=ROOT,
                            capture_output=True, text=True)  # fmt: skip
    wall = time.perf_counter() - start
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"gonghui {' '.join(argv)} failed")
    return wall, children_cpu() - cpu, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", help="build in this directory and keep it (default: a temporary one)")
    args = parser.parse_args()
    directory = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gonghui-bench-demo-"))
    directory.mkdir(parents=True, exist_ok=True)
    database = directory / "gonghui.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    env = {**os.environ, "GONGHUI_VAR_DIR": str(directory), "GONGHUI_SQLITE": str(database), "DEBUG": "0"}
    env.pop("DATABASE_URL", None)

    print(f"machine: reference loop {reference_ms():.0f} ms of CPU (the same loop on another machine scales the "
          f"figures below); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
    migrate_wall, migrate_cpu, _out = step(["migrate", "--no-input", "-v", "0"], env)
    print(f"migrate:  {migrate_wall:6.1f} s wall, {migrate_cpu:6.1f} s CPU")
    demo_wall, demo_cpu, out = step(["demo"], env)
    for line in out.splitlines():
        if line.startswith("  "):
            print(f"  {line.strip()}")
    print(f"demo:     {demo_wall:6.1f} s wall, {demo_cpu:6.1f} s CPU")
    total_wall, total_cpu = migrate_wall + demo_wall, migrate_cpu + demo_cpu
    verdict = "within" if total_cpu < TARGET_S else "OVER"
    print(f"first run (migrate + demo): {total_wall:.1f} s wall, {total_cpu:.1f} s CPU; target under {TARGET_S} s "
          f"({verdict} it by CPU time)")  # fmt: skip
    if not args.keep:
        import shutil

        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
