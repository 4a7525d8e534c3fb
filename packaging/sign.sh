#!/usr/bin/env bash
# Signing steps, each usable alone and by build.sh. Every step skips with a clear message (exit 0)
# when no certificate or key is configured, so an unsigned test build still completes.
#
#   packaging/sign.sh authenticode FILE...    sign Windows .exe/.msi in place
#   packaging/sign.sh verify-authenticode FILE CA.pem
#   packaging/sign.sh checksums DIR           write DIR/SHA256SUMS and, with a key, SHA256SUMS.asc
#
# Authenticode, with one of (checked in this order):
#   ECHOUPLOADER_AZURE_DLIB + ECHOUPLOADER_AZURE_METADATA   Azure Artifact Signing via signtool /dlib
#   ECHOUPLOADER_SIGN_PFX + ECHOUPLOADER_SIGN_PASSWORD      a .pfx: signtool on Windows, osslsigncode
#                                                            elsewhere
#   ECHOUPLOADER_TIMESTAMP_URL   RFC 3161 time-stamp server (default http://timestamp.digicert.com;
#                                set it to "none" to sign without a time stamp, e.g. offline tests)
# GPG: ECHOUPLOADER_GPG_KEY (key id or fingerprint in the default keyring),
#      ECHOUPLOADER_GPG_PASSPHRASE (optional, for a key with a passphrase).
set -euo pipefail

DESCRIPTION="EchoUploader"
URL="https://example.org/echouploader"
TSA="${ECHOUPLOADER_TIMESTAMP_URL:-http://timestamp.digicert.com}"

say() { echo "sign: $*" >&2; }

_signtool() {
  command -v signtool.exe 2>/dev/null || command -v signtool 2>/dev/null || true
}

# Windows tools take native paths, and Git Bash must not rewrite their /options into paths.
_native() {
  if command -v cygpath >/dev/null; then cygpath -w "$1"; else echo "$1"; fi
}

_sign_one() {
  local file="$1" signtool
  signtool="$(_signtool)"
  local ts_win=() ts_ossl=()
  if [ "$TSA" != "none" ]; then
    ts_win=(/tr "$TSA" /td sha256)
    ts_ossl=(-ts "$TSA")
  fi
  if [ -n "${ECHOUPLOADER_AZURE_DLIB:-}" ] && [ -n "${ECHOUPLOADER_AZURE_METADATA:-}" ]; then
    [ -n "$signtool" ] || { say "signtool is needed for Azure Artifact Signing"; return 1; }
    MSYS_NO_PATHCONV=1 "$signtool" sign /v /fd sha256 "${ts_win[@]}" /d "$DESCRIPTION" /du "$URL" \
      /dlib "$(_native "$ECHOUPLOADER_AZURE_DLIB")" /dmdf "$(_native "$ECHOUPLOADER_AZURE_METADATA")" \
      "$(_native "$file")"
  elif [ -n "$signtool" ]; then
    MSYS_NO_PATHCONV=1 "$signtool" sign /v /fd sha256 "${ts_win[@]}" /d "$DESCRIPTION" /du "$URL" \
      /f "$(_native "$ECHOUPLOADER_SIGN_PFX")" /p "$ECHOUPLOADER_SIGN_PASSWORD" "$(_native "$file")"
  else
    command -v osslsigncode >/dev/null || { say "osslsigncode is not installed"; return 1; }
    local tmp="$file.signing"
    # The password goes through a file, not the command line (visible in ps).
    local passfile
    passfile="$(mktemp)"
    printf '%s' "$ECHOUPLOADER_SIGN_PASSWORD" >"$passfile"
    if ! osslsigncode sign -pkcs12 "$ECHOUPLOADER_SIGN_PFX" -readpass "$passfile" -h sha256 \
      -n "$DESCRIPTION" -i "$URL" "${ts_ossl[@]}" -in "$file" -out "$tmp" >/dev/null; then
      rm -f "$passfile" "$tmp"
      say "osslsigncode could not sign $file"
      return 1
    fi
    rm -f "$passfile"
    mv -f "$tmp" "$file"
  fi
  say "signed $file"
}

authenticode() {
  if [ -z "${ECHOUPLOADER_AZURE_DLIB:-}${ECHOUPLOADER_SIGN_PFX:-}" ]; then
    say "skipping Authenticode signing of $*: no certificate configured" \
      "(set ECHOUPLOADER_SIGN_PFX and ECHOUPLOADER_SIGN_PASSWORD, or ECHOUPLOADER_AZURE_DLIB" \
      "and ECHOUPLOADER_AZURE_METADATA)"
    return 0
  fi
  if [ -n "${ECHOUPLOADER_SIGN_PFX:-}" ] && [ ! -f "$ECHOUPLOADER_SIGN_PFX" ]; then
    say "ECHOUPLOADER_SIGN_PFX=$ECHOUPLOADER_SIGN_PFX does not exist"
    return 1
  fi
  local f
  for f in "$@"; do _sign_one "$f"; done
}

verify_authenticode() {
  local file="$1" ca="$2" signtool
  signtool="$(_signtool)"
  if [ -n "$signtool" ]; then
    MSYS_NO_PATHCONV=1 "$signtool" verify /pa /v "$(_native "$file")"
  else
    osslsigncode verify -in "$file" -CAfile "$ca"
  fi
}

checksums() {
  local dir="$1"
  (
    cd "$dir"
    rm -f SHA256SUMS SHA256SUMS.asc
    shopt -s nullglob
    local files=(*.tar.gz *.deb *.msi *.exe *.dmg *.zip *.pkg)
    [ ${#files[@]} -gt 0 ] || { say "no artifacts in $dir to checksum"; exit 1; }
    sha256sum "${files[@]}" >SHA256SUMS
    say "wrote $dir/SHA256SUMS (${#files[@]} files)"
    if [ -z "${ECHOUPLOADER_GPG_KEY:-}" ]; then
      say "skipping the GPG signature of SHA256SUMS: no key configured (set ECHOUPLOADER_GPG_KEY)"
      exit 0
    fi
    local pass=()
    if [ -n "${ECHOUPLOADER_GPG_PASSPHRASE:-}" ]; then
      pass=(--pinentry-mode loopback --passphrase-fd 0)
    fi
    printf '%s' "${ECHOUPLOADER_GPG_PASSPHRASE:-}" |
      gpg --batch --yes "${pass[@]}" --local-user "$ECHOUPLOADER_GPG_KEY" \
        --armor --detach-sign --output SHA256SUMS.asc SHA256SUMS
    gpg --batch --verify SHA256SUMS.asc SHA256SUMS 2>/dev/null
    say "wrote $dir/SHA256SUMS.asc (key $ECHOUPLOADER_GPG_KEY)"
  )
}

case "${1:-}" in
  authenticode) shift; authenticode "$@" ;;
  verify-authenticode) shift; verify_authenticode "$@" ;;
  checksums) shift; checksums "$@" ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
