# Sourced by bin/smcrouted and bin/smcroutectl: sets $cds, the JVM option for the class-data
# sharing archive $cds_archive of the jars in $lib, run by $java.
#
# The JVM ignores an archive's classes, silently, once a jar or the JVM differs from the ones it was
# made with (JDK 17 has no -XX:+AutoCreateSharedArchive), and start-up is then about 100 ms slower
# for good. Files are compared by status-change time, not modification time: a package upgrade or
# a cp -a installs files whose modification time is older than an archive made after the last
# install. -L: what the links of a package point to (lib, or jars linked from elsewhere) counts, as
# for the JVM.
cds_jvm=$(readlink -f "$(command -v "$java")")
cds_jvm=${cds_jvm%/*}/../lib/server/libjvm.so
if [ -f "$cds_archive" ] && [ -z "$(find -L "$lib" "$cds_jvm" \( -name '*.jar' -o -name libjvm.so \) \
        -cnewer "$cds_archive" 2>/dev/null)" ]; then
    cds="-XX:SharedArchiveFile=$cds_archive"
elif [ -w "$lib" ]; then
    # none yet, or stale: archive what this run loads (the JVM writes it at exit)
    cds="-XX:ArchiveClassesAtExit=$cds_archive"
else
    cds=""
fi
