#!/usr/bin/env bash
# TPC-H on the same CSV files: Gleam vs DuckDB over the files, Gleam's in-memory tables vs DuckDB's native tables,
# and Gleam vs Calcite's Enumerable engine. Prints a markdown table of medians, ratios and geomeans.
#
#   benchmarks/run-tpch.sh [SF] [RUNS] [TpchComparison options...]
#
# SF is the scale factor (default 0.1), RUNS the timed runs per query and engine (default 3). The CSV files are
# generated once into benchmarks/target/tpch-csv/sf<SF>/ and reused. Extra options go to TpchComparison, e.g.
# --only q01,q18, --engines gleam-csv,duckdb-csv, --calcite-limit 300.
# Environment: MVN (the Maven command, default mvn), SKIP_BUILD=1 (reuse what the last run built),
# HEAP (the JVM's -Xmx, default 8g), JAVA_OPTS (extra JVM flags, e.g. for a flight recording).
set -euo pipefail

sf="${1:-0.1}"
runs="${2:-3}"
shift $(( $# < 2 ? $# : 2 )) || true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$root" && ${MVN:-mvn} -q -DskipTests package -pl benchmarks -am)
fi
jar="$(ls "$here"/target/gleam-benchmarks-*.jar | grep -v -- '-tests\.jar$' | head -n 1)"
classpath="$jar:$here/target/lib/*"

cd "$root"
# Arrow's memory needs java.nio opened to it.
# The collector the ./gleam launcher uses, unless JAVA_OPTS picks one (see the launcher).
gc="-XX:+UseParallelGC"
case " ${JAVA_OPTS:-} " in *" -XX:+Use"*"GC "*) gc="" ;; esac
# shellcheck disable=SC2086
java $gc -Xmx"${HEAP:-8g}" --add-opens=java.base/java.nio=ALL-UNNAMED ${JAVA_OPTS:-} -cp "$classpath" \
  io.gleam.benchmarks.TpchComparison --sf "$sf" --runs "$runs" \
  --cache "$here/target/tpch-csv" --queries "$root/sql-frontend/src/test/resources/tpch" \
  --work "$here/target/tpch-out" "$@" \
  | tee "$here/target/tpch-sf$sf.md"
