#!/usr/bin/env bash
# Build EchoUploader's desktop packages. Run from anywhere; artifacts land in dist/.
#
#   packaging/build.sh linux      app + tarball + .deb + SHA256SUMS (+ .asc)   (Debian/Ubuntu)
#   packaging/build.sh windows    app + signed exe + per-machine MSI (signed) + SHA256SUMS
#                                 (Windows runner, Git Bash; WiX 3 or wixl on PATH)
#   packaging/build.sh macos      signed, notarized, stapled .app in a .dmg     (macOS runner)
#   packaging/build.sh app        only the PyInstaller folder, then its self-test
#   packaging/build.sh msi APP_DIR OUT.msi    MSI from a Windows app folder (wixl or WiX 3)
#
# Environment:
#   DIST_DIR, BUILD_DIR          output and scratch folders (default: dist/, build/)
#   ECHOUPLOADER_BUILD_PYTHON    a Python that already has the project and PyInstaller installed;
#                                otherwise build/venv is made with `pip install -e .[packaging]`
#   ECHOUPLOADER_NO_APT=1        do not apt-get install missing build tools (Linux, as root)
#   SOURCE_DATE_EPOCH            timestamp for reproducible tarballs (default: last commit)
#   signing: see packaging/sign.sh (Authenticode, GPG) and packaging/macos/sign_and_notarize.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
DIST_DIR="$(mkdir -p "${DIST_DIR:-$ROOT/dist}" && cd "${DIST_DIR:-$ROOT/dist}" && pwd)"
BUILD_DIR="$(mkdir -p "${BUILD_DIR:-$ROOT/build}" && cd "${BUILD_DIR:-$ROOT/build}" && pwd)"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/echouploader/__init__.py")"
APP=EchoUploader

say() { echo "build: $*" >&2; }
die() { echo "build: error: $*" >&2; exit 1; }

# Build tools and the libraries the frozen Qt app needs to start, as "command-or-lib package".
LINUX_NEEDS="python3 python3
objdump binutils
strip binutils
dpkg-deb dpkg
sha256sum coreutils
gpg gnupg
libEGL.so.1 libegl1
libGL.so.1 libgl1
libfontconfig.so.1 libfontconfig1
libxkbcommon.so.0 libxkbcommon0
libxkbcommon-x11.so.0 libxkbcommon-x11-0
libdbus-1.so.3 libdbus-1-3
libxcb-cursor.so.0 libxcb-cursor0
libxcb-icccm.so.4 libxcb-icccm4
libxcb-keysyms.so.1 libxcb-keysyms1
libxcb-image.so.0 libxcb-image0
libxcb-render-util.so.0 libxcb-render-util0
libxcb-shape.so.0 libxcb-shape0
libxcb-randr.so.0 libxcb-randr0
libxcb-xinerama.so.0 libxcb-xinerama0
libxcb-xkb.so.1 libxcb-xkb1"

install_linux_tools() {
  local missing=() what pkg libs
  # Read the library cache once (grep -q on a pipe would end ldconfig early: SIGPIPE, pipefail).
  libs="$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)"
  while read -r what pkg; do
    if [[ "$what" == *.so* ]]; then
      grep -qF "$what" <<<"$libs" || missing+=("$pkg")
    else
      command -v "$what" >/dev/null 2>&1 || missing+=("$pkg")
    fi
  done <<<"$LINUX_NEEDS"
  if [ -z "${ECHOUPLOADER_BUILD_PYTHON:-}" ] && ! python3 -c 'import ensurepip' 2>/dev/null; then
    missing+=(python3-venv)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "${ECHOUPLOADER_NO_APT:-}" = 1 ] || ! command -v apt-get >/dev/null; then
    die "missing build tools: ${missing[*]} (install them, e.g. apt-get install ${missing[*]})"
  fi
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  say "installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2046
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
}

python_for_build() {
  if [ -n "${ECHOUPLOADER_BUILD_PYTHON:-}" ]; then
    echo "$ECHOUPLOADER_BUILD_PYTHON"
    return
  fi
  local venv="$BUILD_DIR/venv" py
  if [ ! -x "$venv/bin/python" ] && [ ! -x "$venv/Scripts/python.exe" ]; then
    say "creating $venv"
    python3 -m venv "$venv" 2>/dev/null || python -m venv "$venv"
  fi
  py="$venv/bin/python"
  [ -x "$py" ] || py="$venv/Scripts/python.exe"
  "$py" -m pip install -q --upgrade pip >&2
  "$py" -m pip install -q -e "$ROOT[packaging]" >&2
  echo "$py"
}

build_app() {
  local py="$1"
  say "PyInstaller build of $APP $VERSION"
  local start=$SECONDS
  # A fresh work folder each time (PyInstaller's own cache of stripped libraries is kept: it is
  # checked against the files' contents).
  rm -rf "$BUILD_DIR/pyinstaller"
  (cd "$ROOT" && "$py" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$DIST_DIR" --workpath "$BUILD_DIR/pyinstaller" packaging/echouploader.spec)
  say "app built in $((SECONDS - start)) s"
}

# The frozen app must start: --version, then the self-check (keyring backend, libraries,
# resources, Qt plugins), then the main window's --smoke when the GUI is part of the build.
self_test() {
  local exe="$1"
  say "self-test of $exe"
  "$exe" --version
  QT_QPA_PLATFORM=offscreen "$exe" self-check
  if [ -f "$ROOT/echouploader/ui/app.py" ]; then
    QT_QPA_PLATFORM=offscreen "$exe" --smoke
  else
    say "no desktop window in this tree (echouploader/ui/app.py): --smoke not run"
  fi
}

source_date_epoch() {
  if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then echo "$SOURCE_DATE_EPOCH"; return; fi
  git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s
}

linux_tarball() {
  local tarball="$DIST_DIR/echouploader-$VERSION-linux-$(uname -m).tar.gz"
  tar -C "$DIST_DIR" --sort=name --owner=0 --group=0 --numeric-owner \
    --mtime="@$(source_date_epoch)" -cf - "$APP" | gzip -n -6 >"$tarball"
  say "wrote $tarball"
}

linux_deb() {
  local arch root deb
  arch="$(dpkg --print-architecture)"
  root="$BUILD_DIR/deb/root"
  deb="$DIST_DIR/echouploader_${VERSION}_${arch}.deb"
  rm -rf "$BUILD_DIR/deb"
  mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/share/icons/hicolor/scalable/apps" \
    "$root/usr/share/doc/echouploader" "$root/etc/echouploader" "$root/etc/xdg"
  cp -a "$DIST_DIR/$APP" "$root/opt/echouploader"
  install -m 0755 "$HERE/linux/echouploader.sh" "$root/usr/bin/echouploader"
  install -m 0644 "$HERE/linux/echouploader.desktop" "$root/usr/share/applications/"
  install -m 0644 "$ROOT/resources/icons/echouploader.png" \
    "$root/usr/share/icons/hicolor/256x256/apps/echouploader.png"
  install -m 0644 "$ROOT/resources/icons/echouploader.svg" \
    "$root/usr/share/icons/hicolor/scalable/apps/echouploader.svg"
  install -m 0644 "$HERE/linux/managed-sites.json" "$root/etc/echouploader/managed-sites.json"
  install -m 0644 "$HERE/managed-sites.example.json" "$HERE/linux/copyright" \
    "$root/usr/share/doc/echouploader/"
  ln -s ../echouploader "$root/etc/xdg/EchoUploader"
  echo "/etc/echouploader/managed-sites.json" >"$root/DEBIAN/conffiles"
  sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$arch/" \
    -e "s/@SIZE@/$(du -sk --exclude=DEBIAN "$root" | cut -f1)/" \
    "$HERE/linux/control.in" >"$root/DEBIAN/control"
  chmod -R u+rwX,go+rX,go-w "$root"
  dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
  say "wrote $deb"
}

# A path as a native Windows program (WiX, signtool) reads it; unchanged elsewhere.
native_path() {
  if command -v cygpath >/dev/null; then cygpath -m "$1"; else echo "$1"; fi
}

build_msi() {
  local app_dir out wxs_dir ico
  app_dir="$(cd "$1" && pwd)"
  out="$(mkdir -p "$(dirname "$2")" && cd "$(dirname "$2")" && pwd)/$(basename "$2")"
  wxs_dir="$BUILD_DIR/wix"
  mkdir -p "$wxs_dir"
  ico="$ROOT/resources/icons/echouploader.ico"
  python3 "$HERE/windows/harvest.py" "$app_dir" "$wxs_dir/AppFiles.wxs" >&2 ||
    python "$HERE/windows/harvest.py" "$app_dir" "$wxs_dir/AppFiles.wxs" >&2
  cp "$ico" "$wxs_dir/echouploader.ico"
  # Sources are given relative to the app folder (wixl accepts only relative paths).
  if command -v wixl >/dev/null; then
    (cd "$app_dir" && wixl -a x64 -D "Version=$VERSION" -D SourceDir=. \
      -D "IconFile=$(realpath --relative-to="$app_dir" "$wxs_dir/echouploader.ico")" \
      -o "$out" "$HERE/windows/echouploader.wxs" "$wxs_dir/AppFiles.wxs")
  elif command -v candle.exe >/dev/null; then
    local w
    w="$(native_path "$wxs_dir")"
    (cd "$app_dir" && candle.exe -nologo -arch x64 -dVersion="$VERSION" -dSourceDir=. \
      -dIconFile="$w/echouploader.ico" -out "$w/" \
      "$(native_path "$HERE/windows/echouploader.wxs")" "$w/AppFiles.wxs" &&
      light.exe -nologo -o "$(native_path "$out")" "$w/echouploader.wixobj" "$w/AppFiles.wixobj")
  else
    die "neither wixl (msitools) nor WiX 3 (candle.exe, light.exe) is installed"
  fi
  say "wrote $out"
}

cmd="${1:-}"
case "$cmd" in
  linux)
    install_linux_tools
    rm -rf "${DIST_DIR:?}/$APP"
    build_app "$(python_for_build)"
    self_test "$DIST_DIR/$APP/$APP"
    t=$SECONDS
    linux_tarball
    linux_deb
    say "tarball and .deb made in $((SECONDS - t)) s"
    "$HERE/sign.sh" checksums "$DIST_DIR"
    du -sh "$DIST_DIR/$APP" "$DIST_DIR"/*.tar.gz "$DIST_DIR"/*.deb >&2
    ;;
  app)
    build_app "$(python_for_build)"
    if [ "$(uname)" = Darwin ]; then
      self_test "$DIST_DIR/$APP.app/Contents/MacOS/$APP"
    elif [ -f "$DIST_DIR/$APP/echouploader-cli.exe" ]; then
      self_test "$DIST_DIR/$APP/echouploader-cli.exe"
    else
      self_test "$DIST_DIR/$APP/$APP"
    fi
    ;;
  windows)
    rm -rf "${DIST_DIR:?}/$APP"
    build_app "$(python_for_build)"
    self_test "$DIST_DIR/$APP/echouploader-cli.exe"
    # Sign the executables before they go into the MSI, then the MSI itself.
    "$HERE/sign.sh" authenticode "$DIST_DIR/$APP/$APP.exe" "$DIST_DIR/$APP/echouploader-cli.exe"
    build_msi "$DIST_DIR/$APP" "$DIST_DIR/EchoUploader-$VERSION-x64.msi"
    "$HERE/sign.sh" authenticode "$DIST_DIR/EchoUploader-$VERSION-x64.msi"
    "$HERE/sign.sh" checksums "$DIST_DIR"
    ;;
  macos)
    rm -rf "${DIST_DIR:?}/$APP" "${DIST_DIR:?}/$APP.app"
    build_app "$(python_for_build)"
    self_test "$DIST_DIR/$APP.app/Contents/MacOS/$APP"
    "$HERE/macos/sign_and_notarize.sh" "$DIST_DIR/$APP.app" "$DIST_DIR/EchoUploader-$VERSION-macos.dmg"
    "$HERE/sign.sh" checksums "$DIST_DIR"
    ;;
  msi)
    [ $# -eq 3 ] || die "usage: build.sh msi APP_DIR OUT.msi"
    build_msi "$2" "$3"
    ;;
  *)
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
