#!/usr/bin/env bash
# Per-row overhead of a Lua map over a Java lambda map (LuaMapOverheadBenchmark), with short JMH iterations:
# 3 warm-up iterations of 1 s and 5 measured iterations of 2 s in one fork, per benchmark:
# 14 benchmarks, about 3.5 minutes.
#
#   benchmarks/run-jmh.sh [JMH options...]     e.g. -wi 5 -i 10, or -prof gc
#
# Environment: MVN (the Maven command, default mvn), SKIP_BUILD=1 (reuse what the last run built).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$root" && ${MVN:-mvn} -q -DskipTests package -pl benchmarks -am)
fi
jar="$(ls "$here"/target/gleam-benchmarks-*.jar | grep -v -- '-tests\.jar$' | head -n 1)"

java -cp "$jar:$here/target/lib/*" io.gleam.benchmarks.LuaMapOverheadBenchmark \
  -wi 3 -w 1s -i 5 -r 2s -f 1 "$@" | tee "$here/target/jmh-lua-map.txt"
