"""A bounded coverage-guided fuzz run (tests/fuzz_loader.py, atheris) of the loader and the art inspector.

It runs for KIOSK_FUZZ_SECONDS (45 s by default; set it higher before a release) from seeds made of the shipped
content. libFuzzer stops with a non-zero exit at the first finding: an exception that escaped, an input slower
than 10 s, or one that needed more than 1.5 GB. The crashing input is kept in the test's folder and named in
the failure, so it can become a case in the hostile corpus.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fuzz_loader import write_seeds

HERE = Path(__file__).resolve().parent
SECONDS = int(os.environ.get("KIOSK_FUZZ_SECONDS", "45"))


def test_the_loader_and_art_inspector_survive_a_fuzz_run(tmp_path: Path) -> None:
    # Given seeds from the shipped scenes, kiosk.yaml and art
    seeds = tmp_path / "seeds"
    assert write_seeds(seeds, HERE.parent) > 10

    # When atheris mutates them for the time allowed
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy",
           "PYTHONPATH": os.pathsep.join([str(HERE.parent), str(HERE)])}
    done = subprocess.run([sys.executable, str(HERE / "fuzz_loader.py"), str(seeds), f"-max_total_time={SECONDS}",
                           "-timeout=10", "-rss_limit_mb=1500", f"-artifact_prefix={tmp_path}/",
                           "-print_final_stats=1"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=SECONDS + 240)

    # Then it found nothing: no exception, no slow input, no memory blow-up
    found = sorted(p.name for p in tmp_path.glob("crash-*")) + sorted(p.name for p in tmp_path.glob("timeout-*")) \
        + sorted(p.name for p in tmp_path.glob("oom-*"))
    assert done.returncode == 0 and not found, f"{found}\n{done.stderr[-4000:]}"
    assert "stat::number_of_executed_units" in done.stderr
