#!/bin/sh
# Remakes the web view's screenshots in docs/img/ (docs/web.md "Screenshots"): runs the browser test that
# drives headless Chromium over a store of 1,500 events (and the Audit panel's test) and asks them to write
# their screenshots here.
# Needs /usr/bin/chromium (apt-get install -y chromium). Run from anywhere inside the repository.
set -eu
root=$(git rev-parse --show-toplevel)
cd "$root"
mvn -B -q -P '!jdk25' -pl spool-cli -am verify -Dtest=NONE -Dit.test='WebViewInteractionIT#screenshotsOfTheMainViews,AuditPanelIT#theHeaderOpensThePanelThatShowsWhatSpoolAuditShowsAndADeletedGapTurnsItsLineRed' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dspool.screenshots="$root/docs/img" "$@"
ls -l "$root"/docs/img/*.png
