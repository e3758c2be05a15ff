"""The spill file: event lines sent but not yet acknowledged, kept on disk so that they survive a lost
connection, the end of the process and the next run.

One file per handler, ``<dir>/<name>-<slot>.pyspill``, locked (``fcntl.flock``) while a handler uses it:
a handler takes the lowest slot nobody holds, so the next run of a program finds the file its previous
run left and sends it first; files of other slots whose owner is gone are adopted (their lines appended
here, then the file deleted). The operating system releases a lock when its process ends, however it ends.

Layout: a 30-byte header ``SPOOLPY1 <20-digit position>\\n`` then event lines. The position is where the
first unacknowledged line starts: acknowledged lines before it are dead, and the file is emptied whenever
everything is acknowledged. A line cut short by a crash (no LF at the end of the file) was never sent
whole; it is cut off when the file is opened. Not thread-safe: the sender thread owns it.
"""
import fcntl
import os
from array import array

HEADER = 30
_MAGIC = b"SPOOLPY1 "
SUFFIX = ".pyspill"
MAX_SLOTS = 1024


def _header(position):
    return _MAGIC + b"%020d\n" % position


class SpillFile:

    def __init__(self, path, fd):
        self.path = path
        self._fd = fd
        self._pos = HEADER        # start of the first unacknowledged line
        self._saved_pos = HEADER  # the position the header holds
        self._end = HEADER        # end of the file's last whole line
        self._ends = array("q")   # end offset of each unacknowledged line, oldest first
        self._first = 0           # index in _ends of the first unacknowledged line
        self.adopted = 0          # lines taken from files left by others

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, directory, name):
        """Takes the lowest free slot in ``directory``; raises OSError when none is free."""
        os.makedirs(directory, exist_ok=True)
        for slot in range(MAX_SLOTS):
            path = os.path.join(directory, "%s-%d%s" % (name, slot, SUFFIX))
            fd = _try_lock(path)
            if fd is not None:
                spill = cls(path, fd)
                spill._load()
                return spill
        raise OSError("no free spill slot among %d in %s" % (MAX_SLOTS, directory))

    def _load(self):
        size = os.fstat(self._fd).st_size
        head = os.pread(self._fd, HEADER, 0) if size >= HEADER else b""
        if not head.startswith(_MAGIC) or len(head) != HEADER:
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, _header(HEADER), 0)
            return
        pos = int(head[len(_MAGIC):-1])
        pos = HEADER if pos < HEADER or pos > size else pos
        self._pos = self._saved_pos = pos
        self._end = pos
        offset = pos
        while offset < size:
            chunk = os.pread(self._fd, min(1 << 20, size - offset), offset)
            if not chunk:
                break
            nl = chunk.find(b"\n")
            while nl >= 0:
                self._ends.append(offset + nl + 1)
                nl = chunk.find(b"\n", nl + 1)
            offset += len(chunk)
        self._end = self._ends[-1] if len(self._ends) else pos
        if self._end < size:
            os.ftruncate(self._fd, self._end)  # a torn last line: it was never sent whole

    def adopt_orphans(self, directory, name):
        """Appends the unacknowledged lines of files in ``directory`` whose owner is gone, then deletes them."""
        try:
            entries = sorted(os.listdir(directory))
        except OSError:
            return 0
        taken = 0
        for entry in entries:
            if not (entry.startswith(name + "-") and entry.endswith(SUFFIX)):
                continue
            path = os.path.join(directory, entry)
            if path == self.path:
                continue
            fd = _try_lock(path, create=False)
            if fd is None:
                continue
            try:
                other = SpillFile(path, fd)
                other._load()
                while other.count():
                    data, lines = other.read(0, 4 << 20)
                    self.append(data, _line_lengths(data))
                    other.acknowledge(lines)
                    taken += lines
                os.unlink(path)
            finally:
                os.close(fd)
        self.adopted += taken
        return taken

    # -- the queue of unacknowledged lines ------------------------------------------------------

    def count(self):
        return len(self._ends) - self._first

    def bytes(self):
        return self._end - self._pos

    def append(self, data, lengths):
        """Appends whole lines (``data``, their lengths in order) after the newest."""
        written = 0
        while written < len(data):
            written += os.pwrite(self._fd, memoryview(data)[written:], self._end + written)
        end = self._end
        for n in lengths:
            end += n
            self._ends.append(end)
        self._end = end

    def read(self, index, max_bytes):
        """Whole lines from the ``index``-th unacknowledged one, at least one, about ``max_bytes`` in all."""
        first = self._first + index
        start = self._ends[first - 1] if first > self._first else self._pos
        last = first
        while last + 1 < len(self._ends) and self._ends[last + 1] - start <= max_bytes:
            last += 1
        length = self._ends[last] - start
        data = os.pread(self._fd, length, start)
        return data, last - first + 1

    def acknowledge(self, lines):
        """The oldest ``lines`` lines were acknowledged."""
        self._first += lines
        if self._first >= len(self._ends):
            self._ends = array("q")
            self._first = 0
            self._pos = self._end = HEADER
            os.ftruncate(self._fd, HEADER)
            self.save_position()
        else:
            self._pos = self._ends[self._first - 1]
            if self._first > 65536 and self._first * 2 > len(self._ends):
                del self._ends[:self._first]
                self._first = 0

    def save_position(self):
        if self._pos != self._saved_pos:
            os.pwrite(self._fd, _header(self._pos), 0)
            self._saved_pos = self._pos

    def sync(self):
        self.save_position()
        os.fsync(self._fd)

    def close(self, delete_if_empty):
        """Saves the position; deletes the file if nothing is left and ``delete_if_empty``. Releases the lock."""
        try:
            if delete_if_empty and self.count() == 0:
                os.unlink(self.path)
            else:
                self.sync()
        finally:
            os.close(self._fd)


def _line_lengths(data):
    lengths = []
    start = 0
    while True:
        nl = data.find(b"\n", start)
        if nl < 0:
            return lengths
        lengths.append(nl + 1 - start)
        start = nl + 1


def _try_lock(path, create=True):
    flags = os.O_RDWR | (os.O_CREAT if create else 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    # the file may have been deleted by its adopter between open and lock: then it is not the path's file
    try:
        if os.fstat(fd).st_ino != os.stat(path).st_ino:
            os.close(fd)
            return None
    except FileNotFoundError:
        os.close(fd)
        return None
    return fd
