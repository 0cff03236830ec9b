"""TAP lines for the Python tests, as tests/lib/harness.sh writes them:
"ok - WHAT" or "not ok - WHAT" (numbered "ok N - WHAT" when asked), the
detail of a failure on "#   " lines after it, "# ..." notes, "1..N" at
the end when the script prints a plan, and "Bail out! WHY" when it
cannot go on.  The scripts that the shell tests run print no plan: the
shell side counts their "not ok" lines or their exit status.

Scripts under tests/ import it with:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
    import tap
"""

import contextlib


class Tap:
    """One script's test lines.

    numbered: "ok N - WHAT"; lines: how many lines of a failure's detail
    are printed; width: each cut to so many characters (None: whole).
    failed holds the WHAT of each failure, count the checks made."""

    def __init__(self, numbered=False, lines=20, width=None):
        self.numbered = numbered
        self.lines = lines
        self.width = width
        self.count = 0
        self.failed = []
        self._quiet = False

    def ok(self, cond, what, detail=""):
        """Print and count one check; return cond, so that a caller can
        go on only when it passed."""
        if self._quiet:
            return cond
        self.count += 1
        print("%s%s - %s" % ("ok" if cond else "not ok",
                             " %d" % self.count if self.numbered else "", what))
        if not cond:
            self.failed.append(what)
            for line in str(detail).splitlines()[:self.lines]:
                print("#   " + (line if self.width is None else line[:self.width]))
        return cond

    def plan(self):
        """The "1..N" line of the checks made, for scripts that print one
        (at the end, as TAP allows)."""
        print("1..%d" % self.count)

    @staticmethod
    def bail(why):
        """Say that the script cannot go on; the caller exits non-zero."""
        print("Bail out! " + why)

    def status(self):
        """The exit status: 1 if any check failed, else 0."""
        return 1 if self.failed else 0

    @contextlib.contextmanager
    def quiet(self):
        """Checks made inside neither print nor count (a check reused as
        a predicate)."""
        saved, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = saved
