#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the checked-in PNG icons from replicall.svg (rsvg-convert, Debian
# package librsvg2-bin). Run it after changing the SVG and commit the PNGs.
set -eu
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256; do
    rsvg-convert -w "$size" -h "$size" replicall.svg -o "replicall-$size.png"
done
