#!/bin/sh
# Usage: jvm-archive.sh DIR DEMO
# Makes DIR/npm-provenance.jsa, the class-data archive the launcher DIR/npm-provenance passes to its JVM. Two runs of
# the launcher list the classes they load: the bundled demo (DEMO) verified offline (lockfile, packuments, registry
# signatures, Sigstore bundles, reports), and the same against a registry address that refuses connections (the HTTP
# client; npm's retries off). The JVM then archives those classes, parsed and verified, for the jar at this path.
# DIR/npm-provenance.jsa.stamp holds the archive's size, the jar's path and a copy of that JVM's release file, by
# which the launcher tells a whole archive from one cut short, this jar from a moved one, and that JVM from any other.
# The JVM is the launcher's: JAVA_HOME, else java on the PATH. A JVM that cannot make an archive leaves none, and the
# launcher runs without one, as fast as before.
set -eu
# cd prints, and goes to, a directory CDPATH finds instead of the one named
unset CDPATH
if [ -n "${JAVA_HOME:-}" ]; then java=$JAVA_HOME/bin/java; else java=java; fi
give_up() {
  rm -f npm-provenance.jsa.part npm-provenance.classes.*
  echo "jvm-archive.sh: no class-data archive made ($1, with $java); the launcher runs without one" >&2
  exit 0
}
dir=$(cd "$1" && pwd -P) || give_up "no directory $1"
demo=$(cd "$2" && pwd -P) || give_up "no demo at $2"
cd "$dir"
rm -f npm-provenance.jsa npm-provenance.jsa.stamp npm-provenance.jsa.part npm-provenance.classes.*
home=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')

# list the classes a run of the launcher loads; 1 is the exit code both runs are meant to give (the demo holds one
# tampered entry; the refusing registry makes every package an error)
list() {
  list=$1
  shift
  status=0
  JAVA_OPTS="-XX:DumpLoadedClassList=$list" npm_config_fetch_retries=0 ./npm-provenance verify "$demo" "$@" \
    >/dev/null 2>&1 || status=$?
  [ "$status" -eq 1 ] && [ -s "$list" ] || give_up "a training run exited $status"
}
list npm-provenance.classes.offline --offline "$demo/snapshot" --registry https://registry.npmjs.org/
list npm-provenance.classes.http --no-cache --timeout 5 --registry http://127.0.0.1:9/
# the second list adds what the first lacks, in the order it was loaded; the ids some JDKs give each class (JDK 25:
# "java/lang/Object id: 0") differ between the lists and must be unique, and only classes of custom loaders need them
sed 's/ id: [0-9]*$//' npm-provenance.classes.offline npm-provenance.classes.http | awk '!seen[$0]++' \
  >npm-provenance.classes.all
"$java" -Xshare:dump -XX:SharedClassListFile=npm-provenance.classes.all -XX:SharedArchiveFile=npm-provenance.jsa.part \
  -cp "$dir/npm-provenance.jar" >/dev/null 2>&1 || give_up "the JVM could not write an archive"
[ -s npm-provenance.jsa.part ] && [ -f "$home/release" ] || give_up "no archive, or no release file in $home"
# written whole before the archive gets the name the launcher looks for
{ wc -c <npm-provenance.jsa.part && echo "$dir/npm-provenance.jar" && cat "$home/release"; } >npm-provenance.jsa.stamp
mv npm-provenance.jsa.part npm-provenance.jsa
rm -f npm-provenance.classes.*
