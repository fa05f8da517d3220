#!/usr/bin/env bash
# What the local stack's plain HTTP hides: the SDK's url-connection client built and one GET, over
# http and over https (a TLS 1.3 handshake with openssl s_server on loopback, its self-signed
# certificate added to a copy of the JDK trust store so that the store keeps its real size).
# The same with the AWS CRT client (aws-crt-client 2.57.8, aws-crt 0.49.0 from ~/.m2), which
# trusts only the system's CA files and so runs with verification off: a lower bound for it.
# One fresh JVM per sample, interleaved. Needs the listing function's jar (bin/bench builds it)
# and openssl.   bench/library-cold/tls.sh [samples]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/lib/jdk25.sh
pick_jdk25
samples="${1:-15}"
jar=functions/listing/target/lambda/listing.jar
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
m2="$HOME/.m2/repository"
crt="$m2/software/amazon/awssdk/aws-crt-client/2.57.8/aws-crt-client-2.57.8.jar:$m2/software/amazon/awssdk/crt-core/2.57.8/crt-core-2.57.8.jar:$m2/software/amazon/awssdk/crt/aws-crt/0.49.0/aws-crt-0.49.0.jar"
./mvnw -B -q dependency:get -Dartifact=software.amazon.awssdk:aws-crt-client:2.57.8 >/dev/null 2>&1
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$jar:$crt" bench/library-cold/TlsColdCost.java
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cp "$JAVA_HOME/lib/security/cacerts" "$work/trust.p12"
chmod u+w "$work/trust.p12"
"$JAVA_HOME/bin/keytool" -importcert -noprompt -keystore "$work/trust.p12" -storepass changeit \
  -alias bench-local -file "$work/cert.pem" >/dev/null 2>&1
https_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
http_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
openssl s_server -quiet -www -accept "127.0.0.1:$https_port" -cert "$work/cert.pem" -key "$work/key.pem" >/dev/null 2>&1 &
pids+=($!)
(cd "$work" && python3 -m http.server "$http_port" --bind 127.0.0.1 >/dev/null 2>&1) &
pids+=($!)
sleep 1
opts=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Xshare:auto
  "-Djavax.net.ssl.trustStore=$work/trust.p12" -Djavax.net.ssl.trustStorePassword=changeit)
cp="$work/classes:$jar"
for i in $(seq "$samples"); do
  for url in "http://127.0.0.1:$http_port/" "https://127.0.0.1:$https_port/"; do
    "$JAVA_HOME/bin/java" "${opts[@]}" -cp "$cp" TlsColdCost "$url"
    "$JAVA_HOME/bin/java" "${opts[@]}" -cp "$cp:$crt" TlsColdCost "$url" crt
  done
done | awk '/^RESULT/ {
    split($2, m, "="); split($3, t, "="); split($4, c, "="); split($6, b, "=");
    n[m[2]]++; times[m[2], n[m[2]]] = t[2]; builds[m[2], n[m[2]]] = b[2]; classes[m[2]] = c[2]
  }
  END {
    for (mode in n) {
      k = n[mode];
      for (i = 1; i <= k; i++) { v[i] = times[mode, i]; w[i] = builds[mode, i] }
      for (i = 2; i <= k; i++) { x = v[i]; j = i - 1; while (j > 0 && v[j] > x) { v[j+1] = v[j]; j-- } v[j+1] = x }
      for (i = 2; i <= k; i++) { x = w[i]; j = i - 1; while (j > 0 && w[j] > x) { w[j+1] = w[j]; j-- } w[j+1] = x }
      printf "%-14s samples=%d median=%.1f ms (client build %.1f ms) classes=%d\n", mode, k, v[int((k + 1) / 2)] / 1000, w[int((k + 1) / 2)] / 1000, classes[mode]
    }
  }' | sort
