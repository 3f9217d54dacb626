# Sourced by ./mvnw, ./mnist and .ci/run: sets JAVA_HOME to a JDK 25 or newer, or exits with one
# line that says what to do. Looks at $JAVA_HOME, the usual install places, then the javac on PATH.
# POSIX sh, because ./mvnw runs under /bin/sh (dash on Debian).
# HANDWRITTEN_JDK_DIRS (space-separated globs) replaces the usual install places; the CI script
# uses it to prove the message for a machine without JDK 25.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

find_jdk25() (
  # A subshell: ./mvnw runs with globbing off (set -f), and the install places are globs.
  set +f
  on_path=""
  if command -v javac >/dev/null 2>&1; then
    on_path=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  fi
  places=${HANDWRITTEN_JDK_DIRS-"/usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*25* /usr/lib/jvm/* \
/Library/Java/JavaVirtualMachines/*/Contents/Home"}
  # shellcheck disable=SC2086 # the places are globs, split and expanded on purpose
  for candidate in "${JAVA_HOME:-}" $places "$on_path"; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ]; then
      major=$(java_major "$candidate")
      case "$major" in
        '' | *[!0-9]*) ;;
        *)
          if [ "$major" -ge 25 ]; then
            echo "$candidate"
            return 0
          fi
          ;;
      esac
    fi
  done
  return 1
)

if ! JAVA_HOME=$(find_jdk25); then
  echo "handwritten needs JDK 25, and none was found (looked at \$JAVA_HOME, /usr/lib/jvm and the" \
    "javac on PATH): install one (e.g. Temurin 25) and point the build at it with" \
    "'export JAVA_HOME=/path/to/jdk-25', see README.md" >&2
  exit 1
fi
export JAVA_HOME
