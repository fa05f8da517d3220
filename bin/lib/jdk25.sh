# Sourced by the scripts in bin/: points JAVA_HOME at a JDK 25 or newer.
# Order: JAVA_HOME if it is 25+, the `java` on the PATH if it is 25+, then the usual install places.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

pick_jdk25() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ] 2>/dev/null; then
    return 0
  fi
  if command -v java >/dev/null 2>&1 && [ "$(java_major java)" -ge 25 ] 2>/dev/null; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    export JAVA_HOME="$candidate"
    return 0
  fi
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-amd64 \
                   /usr/lib/jvm/java-25-openjdk-arm64 /usr/lib/jvm/*25* /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "bloghome: JDK 25 not found. Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
