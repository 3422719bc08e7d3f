"""What the running process costs and how long it has run, for the staff menu's diagnostics and the tools."""

from __future__ import annotations


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux), or the peak where /proc is missing."""
    return _status_mb("VmRSS:")


def peak_rss_mb() -> float:
    """The most resident memory this program has held, in MB (Linux: VmHWM).

    Not `ru_maxrss`: Linux carries the parent's high-water mark into a child across fork and exec, so a program
    started by a large process (a test runner holding 800 MB) would report the parent's peak as its own."""
    return _status_mb("VmHWM:")


def _status_mb(field: str) -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def duration_text(seconds: float) -> str:
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, _ = divmod(rest, 60)
    return (f"{days} d " if days else "") + f"{hours} h {minutes} min"
