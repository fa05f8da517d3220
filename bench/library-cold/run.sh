#!/usr/bin/env bash
# Cold cost (classes loaded, time) of JSON and JWT work, hand-written against libraries, one fresh
# JVM per sample, modes interleaved. Needs the core module built (./mvnw -pl functions/core package)
# and, once, the two libraries in ~/.m2 (jackson-jr-objects, nimbus-jose-jwt; run.sh fetches them).
#   bench/library-cold/run.sh [samples]       (default 15)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/lib/jdk25.sh
pick_jdk25
samples="${1:-15}"
m2="$HOME/.m2/repository"
jr="$m2/com/fasterxml/jackson/jr/jackson-jr-objects/2.20.0/jackson-jr-objects-2.20.0.jar"
jcore="$m2/com/fasterxml/jackson/core/jackson-core/2.20.0/jackson-core-2.20.0.jar"
nimbus="$m2/com/nimbusds/nimbus-jose-jwt/10.5/nimbus-jose-jwt-10.5.jar"
for a in com.fasterxml.jackson.jr:jackson-jr-objects:2.20.0 com.nimbusds:nimbus-jose-jwt:10.5; do
  ./mvnw -B -q dependency:get -Dartifact="$a" >/dev/null 2>&1
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp="functions/core/target/classes:$jr:$jcore:$nimbus"
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$cp" bench/library-cold/LibraryColdCost.java
cp="$work/classes:$cp"
opts=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Xshare:auto)
"$JAVA_HOME/bin/java" "${opts[@]}" -cp "$cp" LibraryColdCost setup "$work/keys"
event=events/httpapi-create-post.json
for i in $(seq "$samples"); do
  for mode in json-hand json-jr; do
    "$JAVA_HOME/bin/java" "${opts[@]}" -cp "$cp" LibraryColdCost "$mode" "$event"
  done
  for mode in jwt-hand jwt-nimbus; do
    "$JAVA_HOME/bin/java" "${opts[@]}" -cp "$cp" LibraryColdCost "$mode" "$work/keys"
  done
done | awk '/^RESULT/ {
    split($2, m, "="); split($3, t, "="); split($4, c, "=");
    n[m[2]]++; times[m[2], n[m[2]]] = t[2]; classes[m[2]] = c[2]
  }
  END {
    for (mode in n) {
      k = n[mode]; for (i = 1; i <= k; i++) v[i] = times[mode, i];
      # insertion sort, then the middle sample
      for (i = 2; i <= k; i++) { x = v[i]; j = i - 1; while (j > 0 && v[j] > x) { v[j+1] = v[j]; j-- } v[j+1] = x }
      printf "%-11s samples=%d median=%.1f ms classes=%d\n", mode, k, v[int((k + 1) / 2)] / 1000, classes[mode]
    }
  }' | sort
