#!/bin/sh
# /usr/bin/echouploader: start EchoUploader installed in /opt/echouploader.
# Machine-wide sites and policy are read from /etc/echouploader/managed-sites.json (a conffile of
# the package). /etc/xdg/EchoUploader links there too, for the app started without this script.
: "${ECHOUPLOADER_SITE_CONFIG_DIR:=/etc/echouploader}"
export ECHOUPLOADER_SITE_CONFIG_DIR
exec /opt/echouploader/EchoUploader "$@"
