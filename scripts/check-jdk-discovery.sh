#!/usr/bin/env bash
# Proves, before the tests run, what a newcomer meets on a machine whose default Java is older than
# 25: ./mvnw finds a JDK 25 by itself, and without one it stops with one line that says what to do.
# Run by .ci/run; skips (saying so) where no older JDK is installed to play the default.
set -euo pipefail
cd "$(dirname "$0")/.."

old_jdk=""
for candidate in /usr/lib/jvm/java-17-openjdk* /usr/lib/jvm/java-21-openjdk* /usr/lib/jvm/*17* /usr/lib/jvm/*21*; do
  if [[ -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]]; then
    old_jdk="$candidate"
    break
  fi
done
if [[ -z "$old_jdk" ]]; then
  echo "check-jdk-discovery: skipped, no JDK 17 or 21 here to stand in for an old default Java"
  exit 0
fi
old_path="$old_jdk/bin:/usr/local/bin:/usr/bin:/bin"

# 1. JAVA_HOME unset, the old Java first on PATH: the wrapper must run Maven on JDK 25.
version=$(env -u JAVA_HOME PATH="$old_path" ./mvnw -B -v 2>&1) || {
  echo "check-jdk-discovery: './mvnw -v' failed with $old_jdk first on PATH:" >&2
  echo "$version" >&2
  exit 1
}
if ! grep -qE '^Java version: (2[5-9]|[3-9][0-9])' <<<"$version"; then
  echo "check-jdk-discovery: './mvnw -v' did not run on JDK 25+ with $old_jdk first on PATH:" >&2
  echo "$version" >&2
  exit 1
fi

# 2. No JDK 25 anywhere it looks: exit 1 and one line naming JDK 25 and JAVA_HOME.
status=0
message=$(env -u JAVA_HOME HANDWRITTEN_JDK_DIRS=/nonexistent PATH="$old_path" ./mvnw -B -v 2>&1) || status=$?
if [[ $status -ne 1 || $(wc -l <<<"$message") -ne 1 || "$message" != *"JDK 25"* || "$message" != *JAVA_HOME* ]]; then
  echo "check-jdk-discovery: without a JDK 25, expected exit 1 and one line naming JDK 25 and" \
    "JAVA_HOME; got exit $status and:" >&2
  echo "$message" >&2
  exit 1
fi
echo "check-jdk-discovery: with $old_jdk as the default Java, ./mvnw runs on" \
  "$(sed -n 's/^Java version: \([^,]*\),.*/\1/p' <<<"$version"); without a JDK 25 it says: $message"
