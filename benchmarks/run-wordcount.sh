#!/usr/bin/env bash
# Word count of a Zipf corpus: Gleam with Java functions and with Lua functions, against
# `tr | sort | uniq -c` and a single-threaded Java loop. Prints a markdown table of medians and speed-ups.
#
#   benchmarks/run-wordcount.sh [SIZE] [WordCountComparison options...]
#
# SIZE is 100MB by default (1GB, 500MiB, ...). The corpus is generated once into benchmarks/target/ and reused.
# Extra options go to WordCountComparison, e.g. --runs 5 or --contenders shell,gleam-java.
# Environment: MVN (the Maven command, default mvn), SKIP_BUILD=1 (reuse what the last run built),
# JAVA_OPTS (extra JVM flags, e.g. for a flight recording).
set -euo pipefail

size="${1:-100MB}"
shift || true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$root" && ${MVN:-mvn} -q -DskipTests package -pl benchmarks -am)
fi
jar="$(ls "$here"/target/gleam-benchmarks-*.jar | grep -v -- '-tests\.jar$' | head -n 1)"
classpath="$jar:$here/target/lib/*"

corpus="$here/target/corpus-$size.txt"
if [[ ! -f "$corpus" ]]; then
  java -cp "$classpath" io.gleam.benchmarks.ZipfCorpus --size "$size" --out "$corpus"
fi

# Gleam must work in a 512 MiB heap; Arrow's memory needs java.nio opened to it.
# The collector the ./gleam launcher uses, unless JAVA_OPTS picks one (see the launcher).
gc="-XX:+UseParallelGC"
case " ${JAVA_OPTS:-} " in *" -XX:+Use"*"GC "*) gc="" ;; esac
# shellcheck disable=SC2086
java $gc -Xmx512m --add-opens=java.base/java.nio=ALL-UNNAMED ${JAVA_OPTS:-} -cp "$classpath" \
  io.gleam.benchmarks.WordCountComparison --input "$corpus" --work "$here/target/wordcount-out" "$@" \
  | tee "$here/target/wordcount-$size.md"
