#!/usr/bin/env bash
# Builds the base image of mailbridge's container image from this machine alone, no registry: a Java runtime made by
# jlink from the build JDK (the modules jdeps finds in the application jar, plus those reached only by reflection or
# service loading), the host's shared libraries that runtime needs (found with ldd), a passwd entry for the
# unprivileged user and the directories the application writes. The result is a `docker save`-style tar that Jib
# reads as its base (`tar://`, core/pom.xml profile `image`).
#
#   deploy/image/build-base.sh APP_JAR OUT_DIR
#
# Writes OUT_DIR/rootfs/ (the base's files) and OUT_DIR/mailbridge-base.tar. JAVA_HOME is the JDK to take the runtime
# from (Maven passes its own). Equal inputs give a byte-identical tar.
set -euo pipefail

app_jar=${1:?usage: build-base.sh APP_JAR OUT_DIR}
out=${2:?usage: build-base.sh APP_JAR OUT_DIR}
out=$(mkdir -p "$out" && cd "$out" && pwd)
java_home=${JAVA_HOME:?JAVA_HOME must name a JDK with jmods/}
user_id=65532

# Reached by reflection or service loading, so jdeps cannot see them: elliptic-curve TLS (every IMAPS server),
# the charsets of the mail of the world beyond UTF-8 and ISO-8859 (Shift_JIS, KOI8-R, GB18030...), zip file systems.
extra_modules=jdk.crypto.ec,jdk.charsets,jdk.zipfs
# Native parts of java.desktop that only a display, a sound card or font rendering load; the server runs headless.
# Leaving them out leaves out X11, ALSA, freetype and harfbuzz.
headless_excludes='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so,**/libfontmanager.so'

[[ -d "$java_home/jmods" ]] || { echo "build-base.sh: $java_home/jmods is missing: JAVA_HOME must be a full JDK (Debian: openjdk-17-jmods)" >&2; exit 1; }
for tool in ldd tar sha256sum; do
    command -v "$tool" >/dev/null || { echo "build-base.sh: $tool is needed" >&2; exit 1; }
done

feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release")
rootfs=$out/rootfs
rm -rf "$rootfs" "$out/mailbridge-base.tar" "$out/layer"
mkdir -p "$rootfs" "$out/layer"

modules=$("$java_home/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release "$feature" -q "$app_jar")
modules=$modules,$extra_modules
echo "jlink: Java $feature, modules $modules"
"$java_home/bin/jlink" --add-modules "$modules" --output "$rootfs/opt/java" \
    --strip-debug --no-man-pages --no-header-files --compress=2 --exclude-files="$headless_excludes"

# Every shared library the runtime's executables and libraries need, from the host, at the path ldd found it (the
# runtime's own libraries, libjvm.so among them, are already inside).
copy_library() {
    local path=$1
    [[ -e "$rootfs$path" ]] && return
    mkdir -p "$rootfs$(dirname "$path")"
    cp -L "$path" "$rootfs$path"
}
needs=$out/needs.txt
find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) | sort | while read -r elf; do
    LD_LIBRARY_PATH="$rootfs/opt/java/lib:$rootfs/opt/java/lib/server" ldd "$elf" | sed "s|^|$elf: |"
done > "$needs"
if grep 'not found' "$needs" >&2; then
    echo "build-base.sh: the host lacks these libraries of the runtime" >&2
    exit 1
fi
awk '$3 == "=>" && $4 ~ /^\// { print $4 } $2 ~ /^\// && $3 ~ /^\(/ { print $2 }' "$needs" | sort -u |
    while read -r library; do
        case "$library" in "$rootfs"/*) continue ;; esac
        copy_library "$library"
    done
rm "$needs"

# Java 17 takes its default charset, and the encoding of file names and of the console, from the locale: without
# one it is ASCII, and a subject such as 'Réclamation' prints as 'R?clamation'. glibc's C.UTF-8 is a directory of data.
locale=/usr/lib/locale/C.utf8
[[ -d $locale ]] || { echo "build-base.sh: $locale is missing (glibc 2.35 or later has it)" >&2; exit 1; }
mkdir -p "$rootfs$(dirname "$locale")"
cp -r "$locale" "$rootfs$locale"

mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/app/data" "$rootfs/app/out"
chmod 1777 "$rootfs/tmp"
chmod 0755 "$rootfs/app/data" "$rootfs/app/out"
printf 'root:x:0:0:root:/root:/sbin/nologin\nmailbridge:x:%s:%s:mailbridge:/app:/sbin/nologin\n' \
    "$user_id" "$user_id" > "$rootfs/etc/passwd"
printf 'root:x:0:\nmailbridge:x:%s:\n' "$user_id" > "$rootfs/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"

# One layer: everything owned by root, but data/ and out/, which the application writes as the unprivileged user.
layer=$out/layer/layer.tar
deterministic=(--sort=name --mtime=@0 --numeric-owner --format=posix
               --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
tar -C "$rootfs" "${deterministic[@]}" --owner=0 --group=0 \
    --exclude=./app/data --exclude=./app/out -cf "$layer" .
tar -C "$rootfs" "${deterministic[@]}" --owner="$user_id" --group="$user_id" -rf "$layer" ./app/data ./app/out
diff_id=$(sha256sum "$layer" | cut -d' ' -f1)

case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64) arch=arm64 ;;
    *) arch=$(uname -m) ;;
esac
cat > "$out/layer/config.json" <<EOF
{"architecture":"$arch","os":"linux","config":{"User":"$user_id:$user_id","WorkingDir":"/app","Env":["PATH=/opt/java/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/image/build-base.sh: jlink Java $feature ($modules) and its shared libraries"}]}
EOF
printf '[{"Config":"config.json","RepoTags":["mailbridge-base:local"],"Layers":["layer.tar"]}]\n' \
    > "$out/layer/manifest.json"
tar -C "$out/layer" "${deterministic[@]}" --owner=0 --group=0 -cf "$out/mailbridge-base.tar" \
    manifest.json config.json layer.tar
rm -rf "$out/layer"
echo "base image: $out/mailbridge-base.tar ($(du -h "$out/mailbridge-base.tar" | cut -f1), runtime $(du -sh "$rootfs/opt/java" | cut -f1))"
