#!/bin/bash
#
# Line coverage of lib/ by the unit tests (gcov): builds with --coverage in
# its own directory (default build-cov), runs the tests labelled "unit", and
# prints hit/total lines per lib/ file, merged over every object directory
# that compiles lib/ (the library is built more than once for the tests).
#
#   scripts/coverage.sh [BUILD_DIR]
#
# Copyright 2026 The printaudit authors.
# Licensed under the Apache License, Version 2.0.

set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build-cov}

cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_C_FLAGS="--coverage -O0" >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
find "$build" -name '*.gcda' -delete
ctest --test-dir "$build" -L unit --output-on-failure >/dev/null
python3 "$top/scripts/coverage-lines.py" "$build" "$top"
