# Sourced by ./mnist and .ci/run: sets JAVA_HOME to a JDK 25 or newer, or fails with a hint.
# Looks at $JAVA_HOME, the usual Linux install places, then the java on PATH.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

find_jdk25() {
  local candidate major
  local on_path=""
  if command -v javac >/dev/null 2>&1; then
    on_path=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  fi
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*25* /usr/lib/jvm/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "$on_path"; do
    if [[ -n "$candidate" && -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]]; then
      major=$(java_major "$candidate")
      if [[ "$major" =~ ^[0-9]+$ && "$major" -ge 25 ]]; then
        echo "$candidate"
        return 0
      fi
    fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk25); then
  echo "no JDK 25 found (looked at \$JAVA_HOME, /usr/lib/jvm and the javac on PATH);" \
    "install one (for example Temurin 25) and set JAVA_HOME, see README.md" >&2
  exit 1
fi
export JAVA_HOME
