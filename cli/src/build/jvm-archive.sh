#!/bin/sh
# Usage: jvm-archive.sh DIR DEMO
# Makes DIR/npm-provenance.jsa, the class-data archive the launcher DIR/npm-provenance passes to its JVM: the launcher
# verifies the bundled demo (DEMO, offline: lockfile, packuments, registry signatures, Sigstore bundles, reports) once,
# and its JVM archives at exit every class the run loaded beyond the JDK's own archive. DIR/npm-provenance.jsa.stamp
# holds the archive's size and a copy of that JVM's release file, by which the launcher tells a whole archive from
# one cut short, and that JVM from any other.
# The JVM is the launcher's: JAVA_HOME, else java on the PATH. A JVM that cannot make an archive leaves none, and the
# launcher runs without one, as fast as before.
set -eu
dir=$(cd "$1" && pwd -P)
demo=$(cd "$2" && pwd -P)
cd "$dir"
rm -f npm-provenance.jsa npm-provenance.jsa.stamp npm-provenance.jsa.part
if [ -n "${JAVA_HOME:-}" ]; then java=$JAVA_HOME/bin/java; else java=java; fi
home=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')
status=0
JAVA_OPTS="-XX:ArchiveClassesAtExit=npm-provenance.jsa.part -Xlog:cds=off -Xlog:cds+dynamic=off" ./npm-provenance \
  verify "$demo" --offline "$demo/snapshot" --registry https://registry.npmjs.org/ >/dev/null 2>&1 || status=$?
# the demo holds one tampered entry: 1 is the exit code it is meant to give
if [ "$status" -ne 1 ] || [ ! -s npm-provenance.jsa.part ] || [ ! -f "$home/release" ]; then
  rm -f npm-provenance.jsa.part
  echo "jvm-archive.sh: no class-data archive made (the demo run exited $status with $java); the launcher runs without one" >&2
  exit 0
fi
# written whole before the archive gets the name the launcher looks for
{ wc -c <npm-provenance.jsa.part && cat "$home/release"; } >npm-provenance.jsa.stamp
mv npm-provenance.jsa.part npm-provenance.jsa
