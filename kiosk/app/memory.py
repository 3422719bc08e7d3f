"""Keep memory the kiosk frees from piling up over months of running.

glibc raises its mmap threshold each time a large block is freed, up to 32 MB. After the first freed picture,
multi-megabyte surfaces then come from the heap, where freed space is rarely given back to the system, and
RSS only grows (measured: 239 MB against 176 MB with the same caches after playing every scene at 1080p).
Fixing the threshold keeps every picture-sized block in its own mapping, returned to the system when freed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3
THRESHOLD_BYTES = 256 * 1024


def keep_large_blocks_returnable() -> bool:
    """Fix glibc's mmap threshold; True if it was set (False on other C libraries, where it does not apply)."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(M_MMAP_THRESHOLD, THRESHOLD_BYTES))
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to tune
        log.debug("mallopt not available; memory tuning skipped")
        return False
