"""Event ids in the ULID text form the collector de-duplicates on (docs/protocol.md).

An id is 128 bits: 48 bits of milliseconds since the epoch, then 80 bits this process chooses: 40 random
bits drawn when the process starts (again after a fork) and a 40-bit counter. Two processes collide only
if they draw the same 40 random bits and reach the same count in the same millisecond.
"""
import os
import threading

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_MASK40 = (1 << 40) - 1


class IdGenerator:
    """Thread-safe source of distinct 26-character ids."""

    def __init__(self):
        self.reseed()

    def reseed(self):
        """Draws fresh random bits (after a fork the child must not repeat its parent's ids) and takes a new
        lock (the parent's sender may have held the old one when it forked)."""
        self._lock = threading.Lock()
        self._prefix = int.from_bytes(os.urandom(5), "big")
        self._counter = int.from_bytes(os.urandom(4), "big")

    def node_text(self):
        """The 8 characters of this process's ids that hold its 40 random bits (characters 11 to 18): what
        ``spool audit`` attributes an event to, as the node of a Java process's ids (docs/audit.md)."""
        return encode(self._prefix << 40)[10:18]

    def next(self, millis):
        with self._lock:
            self._counter = (self._counter + 1) & _MASK40
            counter = self._counter
        return encode(((millis & ((1 << 48) - 1)) << 80) | (self._prefix << 40) | counter)


_PAIRS = [_ALPHABET[i >> 5] + _ALPHABET[i & 31] for i in range(1024)]
_SHIFTS = range(120, -1, -10)


def encode(value):
    """The 26-character Crockford base32 text of a 128-bit value (130 bits: the first character is 0-7)."""
    return "".join([_PAIRS[(value >> shift) & 1023] for shift in _SHIFTS])
