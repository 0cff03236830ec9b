#!/bin/sh
# Build printaudit twice (plain, and with AddressSanitizer and
# UndefinedBehaviorSanitizer) and run the whole test suite on both.
# Needs root (the end-to-end tests start a private cupsd).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

for variant in plain sanitize; do
  dir="$top/build-test-$variant"
  if [ "$variant" = sanitize ]; then
    san="address,undefined"
  else
    san=""
  fi
  echo "=== $variant build"
  cmake -S "$top" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DPRINTAUDIT_SANITIZE="$san" -DPRINTAUDIT_WERROR=ON >/dev/null
  cmake --build "$dir" -j "$jobs"
  echo "=== $variant tests"
  ctest --test-dir "$dir" --output-on-failure
done
