#!/bin/sh
# The Debian programs the test suite uses, installed when run as root with apt-get (as CI runs):
# LibreOffice (.doc/.wps and the spreadsheet round trip), tesseract (scanned PDFs), Chromium and
# its driver (the browser tests of the HTML report and of `giocheck serve`). Elsewhere it installs
# nothing and says which are missing; their tests are then skipped, saying why.
set -eu
PACKAGES="libreoffice-writer-nogui libreoffice-calc-nogui tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng chromium chromium-driver"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $PACKAGES
else
    for program in soffice tesseract chromium chromedriver; do
        command -v "$program" >/dev/null 2>&1 || echo "tests/setup-system.sh: $program is not installed (not root or no apt-get); its tests will be skipped" >&2
    done
fi
