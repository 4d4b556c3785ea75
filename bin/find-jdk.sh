# Sourced by ./segstream and .ci/run: exports JAVA_HOME pointing at a JDK >= 25.
# smile-core 6 is compiled for Java 25, so an older default `java` (17 on Debian) cannot run segstream.
segstream_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

segstream_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/jdk-25* /opt/java/openjdk* /usr/lib/jvm/*; do
    [ -d "$c" ] && candidates+=("$c")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(segstream_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  {
    echo "segstream: no JDK 25 found (looked at JAVA_HOME, /usr/lib/jvm/*, /opt/java/* and the java on PATH)."
    echo "  segstream needs JDK 25 or newer because smile-core 6 is compiled for it."
    echo "  Fix: install one (e.g. Temurin 25: apt-get install temurin-25-jdk) and/or set JAVA_HOME to it."
  } >&2
  return 1
}
