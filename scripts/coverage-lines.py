#!/usr/bin/env python3
"""Line coverage of lib/*.c merged over all gcov object directories.

Usage: coverage-lines.py BUILD_DIR SOURCE_DIR
"""

import collections
import glob
import gzip
import json
import os
import subprocess
import sys
import tempfile


def main():
    build, src = (os.path.realpath(p) for p in sys.argv[1:3])
    libdir = os.path.join(src, 'lib') + '/'
    lines = collections.defaultdict(dict)   # file -> line -> count
    with tempfile.TemporaryDirectory() as out:
        for gcda in glob.glob(os.path.join(build, '**', '*.gcda'), recursive=True):
            for old in glob.glob(out + '/*.gcov.json.gz'):
                os.unlink(old)
            subprocess.run(['gcov', '--json-format', '-o', os.path.dirname(gcda), gcda],
                           cwd=out, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            for name in glob.glob(out + '/*.gcov.json.gz'):
                with gzip.open(name) as fp:
                    data = json.load(fp)
                cwd = data.get('current_working_directory', '')
                for fi in data['files']:
                    path = os.path.realpath(os.path.join(cwd, fi['file']))
                    if not path.startswith(libdir):
                        continue
                    for line in fi['lines']:
                        n = line['line_number']
                        lines[path][n] = lines[path].get(n, 0) + line['count']
    if not lines:
        sys.exit('coverage-lines.py: no coverage data under ' + build)
    hit_all = total_all = 0
    for path in sorted(lines):
        hit = sum(1 for c in lines[path].values() if c > 0)
        total = len(lines[path])
        hit_all += hit
        total_all += total
        print('%-22s %5d/%-5d %5.1f%%' % (os.path.relpath(path, src), hit, total,
                                          100.0 * hit / total))
    print('%-22s %5d/%-5d %5.1f%%' % ('lib/ total', hit_all, total_all,
                                      100.0 * hit_all / total_all))


if __name__ == '__main__':
    main()
