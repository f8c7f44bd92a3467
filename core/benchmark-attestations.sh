#!/usr/bin/env bash
# Measures the per-bundle cost of Sigstore verification over every recorded real bundle (see README, Performance).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -cp "core/target/test-classes:core/target/classes:$(cat core/target/bench.classpath)" \
  io.github.npmprovenance.bench.AttestationCost "${1:-200}"
