#!/usr/bin/env bash
# Sign EchoUploader.app (inner binaries first, then the bundle, hardened runtime), notarize and
# staple it, wrap it in a signed, notarized, stapled .dmg, and, for MDM (Intune, Jamf), a .pkg.
#
#   packaging/macos/sign_and_notarize.sh dist/EchoUploader.app dist/EchoUploader-X.Y.Z-macos.dmg
#
# Environment (the CI workflow fills these from secrets):
#   MACOS_SIGN_IDENTITY        "Developer ID Application: Example Lab (TEAMID1234)", in a keychain
#   MACOS_INSTALLER_IDENTITY   "Developer ID Installer: ..." (optional: builds the signed .pkg)
#   notarization, one of:
#     MACOS_NOTARY_PROFILE                          a `notarytool store-credentials` profile
#     APPLE_ID + APPLE_TEAM_ID + APPLE_APP_PASSWORD  an app-specific password
#     MACOS_NOTARY_KEY + MACOS_NOTARY_KEY_ID + MACOS_NOTARY_ISSUER   an App Store Connect API key
# Without MACOS_SIGN_IDENTITY the .dmg is built unsigned and the script says so; without
# notarization credentials it signs but does not notarize, and says so.
set -euo pipefail

APP="${1:?usage: sign_and_notarize.sh APP.app OUT.dmg}"
DMG="${2:?usage: sign_and_notarize.sh APP.app OUT.dmg}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENTITLEMENTS="$HERE/entitlements.plist"
ID="${MACOS_SIGN_IDENTITY:-}"

say() { echo "macos: $*" >&2; }

notary_args() {
  if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
    echo "--keychain-profile" "$MACOS_NOTARY_PROFILE"
  elif [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    echo "--apple-id" "$APPLE_ID" "--team-id" "$APPLE_TEAM_ID" "--password" "$APPLE_APP_PASSWORD"
  elif [ -n "${MACOS_NOTARY_KEY:-}" ] && [ -n "${MACOS_NOTARY_KEY_ID:-}" ]; then
    echo "--key" "$MACOS_NOTARY_KEY" "--key-id" "$MACOS_NOTARY_KEY_ID" \
      ${MACOS_NOTARY_ISSUER:+--issuer "$MACOS_NOTARY_ISSUER"}
  fi
}

sign() {  # sign FILE [extra codesign options]
  local file="$1"; shift
  codesign --force --timestamp --options runtime --sign "$ID" "$@" "$file"
}

notarize_and_staple() {  # notarize_and_staple PATH (a .app is zipped for upload)
  local target="$1" upload="$1" args
  read -r -a args <<<"$(notary_args)"
  if [ ${#args[@]} -eq 0 ]; then
    say "skipping notarization of $target: no credentials configured (set MACOS_NOTARY_PROFILE," \
      "or APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD, or MACOS_NOTARY_KEY and MACOS_NOTARY_KEY_ID)"
    return 0
  fi
  if [[ "$target" == *.app ]]; then
    upload="$(mktemp -d)/$(basename "$target" .app).zip"
    ditto -c -k --keepParent "$target" "$upload"
  fi
  say "notarizing $target (this waits for Apple's answer)"
  xcrun notarytool submit "$upload" "${args[@]}" --wait --timeout 30m
  xcrun stapler staple "$target"
  xcrun stapler validate "$target"
}

[ -d "$APP/Contents/MacOS" ] || { say "$APP is not an app bundle"; exit 1; }
rm -f "$DMG"

if [ -z "$ID" ]; then
  say "skipping code signing of $APP: no identity configured (set MACOS_SIGN_IDENTITY);" \
    "the .dmg will be unsigned and Gatekeeper will block it on other Macs"
else
  main_exe="$APP/Contents/MacOS/$(defaults read "$(cd "$APP" && pwd)/Contents/Info" CFBundleExecutable)"
  say "signing the binaries inside $APP, deepest first"
  # Every Mach-O file except the main executable (not --deep: each gets its own signature).
  find "$APP/Contents" -type f ! -path "$main_exe" -print0 |
    while IFS= read -r -d '' f; do
      if file -b "$f" | grep -q "Mach-O"; then
        printf '%s\t%s\n' "$(tr -cd / <<<"$f" | wc -c)" "$f"
      fi
    done | sort -rn | cut -f2- | while IFS= read -r f; do sign "$f"; done
  # Framework bundles (Qt ships as .framework) are signed after their contents.
  find "$APP/Contents" -type d -name "*.framework" | awk '{ print gsub("/","/"), $0 }' |
    sort -rn | cut -d' ' -f2- | while IFS= read -r fw; do sign "$fw"; done
  say "signing $APP with the hardened runtime"
  sign "$APP" --entitlements "$ENTITLEMENTS"
  codesign --verify --strict --verbose=2 "$APP"
  notarize_and_staple "$APP"
fi

say "building $DMG"
hdiutil create -volname "EchoUploader" -srcfolder "$APP" -ov -format UDZO "$DMG" >/dev/null
if [ -n "$ID" ]; then
  codesign --force --timestamp --sign "$ID" "$DMG"
  notarize_and_staple "$DMG"
  spctl --assess --type open --context context:primary-signature --verbose "$DMG" || true
fi

if [ -n "${MACOS_INSTALLER_IDENTITY:-}" ]; then
  pkg="${DMG%.dmg}.pkg"
  say "building $pkg for MDM deployment (installs to /Applications)"
  productbuild --component "$APP" /Applications --sign "$MACOS_INSTALLER_IDENTITY" --timestamp "$pkg"
  notarize_and_staple "$pkg"
else
  say "skipping the .pkg: no installer identity configured (set MACOS_INSTALLER_IDENTITY)"
fi
