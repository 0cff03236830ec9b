#!/usr/bin/python3
"""Load a page in headless Chromium and report what the browser saw.

Usage: html-browser.py [options] PAGE.html OUT.json

Chromium is driven over the DevTools protocol through a pipe
(--remote-debugging-pipe: fd 3 in, fd 4 out, one JSON message per NUL),
so no port is opened and only the standard library is needed.  Chromium
gets no network: every host name resolves to nothing
(--host-resolver-rules), every proxied request goes to 127.0.0.1:1
(a closed port), and its net log is read back afterwards.

OUT.json holds:
  requests      every URL the page requested (Network.requestWillBeSent)
  failed        requests that failed (Network.loadingFailed), with why
  console       console API calls (type, text)
  log           browser log entries (level, source, text): CSP violations
                arrive here as level "error", source "security"
  exceptions    uncaught script exceptions
  netlog        every URL request in Chromium's net log, with its
                initiator ("not an origin": the browser's own)
  dom           what the page shows: the totals (".card .v" by id), every
                table with an id (header cells, rows of cell texts; a cell
                of class "unk" is null), the text of every SVG text and
                title, the number of script elements, the attributes
                whose name starts with "on", window.pwned, whether the
                sorting script ran
  sorted        (--click TABLE:COLUMN, repeatable) the table's rows after
                each click on that column's header
  csp_probe     (--probe-csp) the log entries caused by asking the loaded
                page to fetch an image from elsewhere: the page's own CSP
                must refuse it
  pdf_bytes     (--pdf FILE) size of the page printed to PDF

Options:
  --no-js             load with JavaScript disabled
  --screenshot PNG    save a full-page screenshot
  --max-height N      ... of at most N pixels from the top (default 16000)
  --width N           viewport width (default 1280)
  --click T:C         click column C (0-based) of table T, record the rows
  --probe-csp         check that the page's CSP refuses an outside image
  --pdf FILE          print the page to PDF
  --chromium PATH     the browser (default: chromium on PATH)

Exit status 0 when the page loaded and OUT.json was written; the caller
judges what is in it.
"""

import argparse
import base64
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TIMEOUT = 30


class Browser:
    """One Chromium process and its DevTools pipe."""

    def __init__(self, chromium, profile, netlog, width):
        cmd_r, self.cmd_w = os.pipe()
        self.res_r, res_w = os.pipe()

        def child_fds():
            os.setsid()			# Its own group: stopped as one
            os.dup2(cmd_r, 3)
            os.dup2(res_w, 4)

        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-pipe", "--user-data-dir=" + profile,
                "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--disable-features=Translate,OptimizationHints,MediaRouter",
                "--proxy-server=127.0.0.1:1", "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--log-net-log=" + netlog, "--net-log-capture-mode=Default",
                "--hide-scrollbars", "--window-size=%d,1000" % width,
                "about:blank"]
        self.stderr = open(os.path.join(profile, "chromium.err"), "w")
        self.proc = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=child_fds,
                                     stdin=subprocess.DEVNULL, stdout=self.stderr,
                                     stderr=self.stderr)
        os.close(cmd_r)
        os.close(res_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            data = data[os.write(self.cmd_w, data):]
        return self.next_id

    def receive(self, timeout):
        end = time.monotonic() + timeout
        while b"\0" not in self.buf:
            left = end - time.monotonic()
            ready, _, _ = select.select([self.res_r], [], [], max(0.0, left))
            if not ready:
                raise TimeoutError("no message from chromium in %ss" % timeout)
            data = os.read(self.res_r, 1 << 20)
            if not data:
                raise EOFError("chromium closed its DevTools pipe")
            self.buf += data
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        ident = self.send(method, params, session)
        while True:
            msg = self.receive(TIMEOUT)
            if msg.get("id") == ident:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            self.events.append(msg)

    def wait_event(self, method, timeout=TIMEOUT):
        for i, msg in enumerate(self.events):
            if msg.get("method") == method:
                return self.events.pop(i)
        end = time.monotonic() + timeout
        while True:
            msg = self.receive(max(0.0, end - time.monotonic()))
            if msg.get("method") == method:
                return msg
            self.events.append(msg)

    def drain(self, seconds):
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            try:
                self.events.append(self.receive(left))
            except TimeoutError:
                return

    def evaluate(self, session, expression):
        result = self.call("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True,
                                                "awaitPromise": True}, session)
        if "exceptionDetails" in result:
            raise RuntimeError("evaluate: %s" % json.dumps(result["exceptionDetails"])[:500])
        return result["result"].get("value")

    def close(self):
        try:
            self.send("Browser.close")
            self.proc.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        # Whatever the browser started and left (renderers, zygotes) is in
        # its process group, which is this browser's alone.
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self.cmd_w)
        os.close(self.res_r)
        self.stderr.close()


# Reads the page without changing it.  Runs in the page, also with its
# scripts disabled (Runtime.evaluate is not the page's script).
EXTRACT = r"""
(() => {
  const text = c => c.classList.contains('unk') ? null : c.textContent;
  const tables = {};
  for (const t of document.querySelectorAll('table[id]')) {
    tables[t.id] = {
      head: t.tHead ? Array.from(t.tHead.rows[0].cells, c => c.textContent) : [],
      rows: Array.from(t.tBodies[0].rows, r => Array.from(r.cells, text))
    };
  }
  const cards = {};
  for (const e of document.querySelectorAll('.card .v')) cards[e.id] = e.textContent;
  const handlers = [];
  for (const e of document.querySelectorAll('*'))
    for (const a of e.attributes)
      if (/^on/i.test(a.name)) handlers.push(e.tagName + ' ' + a.name);
  const links = Array.from(document.querySelectorAll('[href],[src],[xlink\\:href]'),
                           e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('xlink:href'));
  return {
    title: document.title,
    cards: cards,
    tables: tables,
    period: (document.getElementById('period') || {}).textContent || null,
    svg_text: Array.from(document.querySelectorAll('svg text, svg title'), e => e.textContent),
    svgs: document.querySelectorAll('svg').length,
    svg_ids: Array.from(document.querySelectorAll('svg[id]'), e => e.id),
    scripts: document.scripts.length,
    handlers: handlers,
    links: links,
    pwned: typeof window.pwned === 'undefined' ? null : String(window.pwned),
    sortable: document.documentElement.getAttribute('data-sortable'),
    skipped_none: !!document.getElementById('skipped-none'),
    body_text_length: document.body.innerText.length
  };
})()
"""

CLICK = r"""
((id, col) => {
  const t = document.getElementById(id);
  const b = t.tHead.rows[0].cells[col].querySelector('button');
  if (!b) return null;
  b.click();
  return {sort: t.tHead.rows[0].cells[col].getAttribute('aria-sort'),
          rows: Array.from(t.tBodies[0].rows, r => Array.from(r.cells,
                c => c.classList.contains('unk') ? null : c.textContent))};
})(%s, %d)
"""

PROBE = r"""
new Promise(resolve => {
  document.addEventListener('securitypolicyviolation',
    e => resolve({directive: e.violatedDirective, blocked: e.blockedURI}));
  const img = new Image();
  img.src = 'http://csp-probe.invalid/probe.png';
  setTimeout(() => resolve(null), 3000);
})
"""


def netlog_requests(path):
    """Every URL request in a net log: [{"url", "initiator"}].

    Chromium's own background requests (updates, time, accounts) carry
    the initiator "not an origin"; a page's requests carry its origin
    ("null" for a file).  The file can lack its closing brackets."""
    try:
        raw = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return [{"url": "(no net log)", "initiator": "(no net log)"}]
    log = None
    for suffix in ("", "]}", "}]}"):
        try:
            log = json.loads(raw.rstrip().rstrip(",") + suffix)
            break
        except ValueError:
            continue
    if log is None:
        return [{"url": "(unreadable net log)", "initiator": "(unreadable net log)"}]
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [{"url": e["params"].get("url"), "initiator": e["params"].get("initiator")}
            for e in log["events"]
            if e.get("type") == start and "url" in e.get("params", {})]


def stamp(what):
    if os.environ.get("HTML_BROWSER_TIMES"):
        print("%.2f %s" % (time.monotonic() - START, what), file=sys.stderr)


START = time.monotonic()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("out")
    ap.add_argument("--no-js", action="store_true")
    ap.add_argument("--screenshot")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--max-height", type=int, default=16000)
    ap.add_argument("--click", action="append", default=[])
    ap.add_argument("--probe-csp", action="store_true")
    ap.add_argument("--pdf")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    opts = ap.parse_args()

    url = "file://" + os.path.abspath(opts.page)
    profile = tempfile.mkdtemp(prefix="html-browser.")
    netlog = os.path.join(profile, "netlog.json")
    browser = Browser(opts.chromium, profile, netlog, opts.width)
    out = {"url": url}
    try:
        stamp("started")
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target,
                                                          "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            browser.call(domain + ".enable", None, session)
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": opts.width, "height": 1000, "deviceScaleFactor": 1,
                      "mobile": False}, session)
        if opts.no_js:
            browser.call("Emulation.setScriptExecutionDisabled", {"value": True}, session)
        browser.call("Page.navigate", {"url": url}, session)
        browser.wait_event("Page.loadEventFired")
        stamp("loaded")
        browser.drain(0.5)

        out["dom"] = browser.evaluate(session, EXTRACT)

        if opts.probe_csp:
            before = len(browser.events)
            out["csp_probe_event"] = browser.evaluate(session, PROBE)
            browser.drain(0.5)
            out["csp_probe"] = [e["params"]["entry"] for e in browser.events[before:]
                                if e.get("method") == "Log.entryAdded"]
            # What the probe caused is not the page's own doing.
            del browser.events[before:]

        if opts.screenshot:
            size = browser.evaluate(session, "[document.documentElement.scrollWidth,"
                                             " document.documentElement.scrollHeight]")
            browser.call("Emulation.setDeviceMetricsOverride",
                         {"width": opts.width, "height": min(size[1], opts.max_height),
                          "deviceScaleFactor": 1, "mobile": False}, session)
            shot = browser.call("Page.captureScreenshot",
                                {"format": "png", "captureBeyondViewport": False},
                                session)
            with open(opts.screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))

        out["sorted"] = {}
        for spec in opts.click:
            table, col = spec.rsplit(":", 1)
            out["sorted"].setdefault(spec, []).append(
                browser.evaluate(session, CLICK % (json.dumps(table), int(col))))
            out["sorted"][spec].append(
                browser.evaluate(session, CLICK % (json.dumps(table), int(col))))

        if opts.pdf:
            pdf = browser.call("Page.printToPDF", {"printBackground": True}, session)
            data = base64.b64decode(pdf["data"])
            with open(opts.pdf, "wb") as f:
                f.write(data)
            out["pdf_bytes"] = len(data)

        browser.drain(0.3)
    finally:
        stamp("closing")
        browser.close()
        stamp("closed")

    events = browser.events
    out["requests"] = [e["params"]["request"]["url"] for e in events
                       if e.get("method") == "Network.requestWillBeSent"]
    out["failed"] = [{"id": e["params"]["requestId"],
                      "error": e["params"].get("errorText"),
                      "blocked": e["params"].get("blockedReason")}
                     for e in events if e.get("method") == "Network.loadingFailed"]
    out["console"] = [{"type": e["params"]["type"],
                       "text": " ".join(str(a.get("value", a.get("description", "")))
                                        for a in e["params"].get("args", []))}
                      for e in events if e.get("method") == "Runtime.consoleAPICalled"]
    out["log"] = [{"level": e["params"]["entry"]["level"],
                   "source": e["params"]["entry"]["source"],
                   "text": e["params"]["entry"]["text"]}
                  for e in events if e.get("method") == "Log.entryAdded"]
    out["exceptions"] = [e["params"]["exceptionDetails"].get("text", "") + " " +
                         json.dumps(e["params"]["exceptionDetails"].get("exception", {})
                                    .get("description", ""))
                         for e in events if e.get("method") == "Runtime.exceptionThrown"]
    out["netlog"] = netlog_requests(netlog)

    with open(opts.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
    shutil.rmtree(profile, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
