#!/usr/bin/env bash
# Define one more lab guest (from lab/guest.xml.tmpl) on lab host HOST_INDEX, as that host's user.
#   lab/define-guest.sh HOST_INDEX NAME [running|shutoff] [MEMORY_MIB]    (default: running, 64)
# Run as root. The guest carries the lab's metadata marker, so the next `lab.sh up` or `lab.sh down`
# removes it. Any name libvirt accepts works (no '/'); it is XML-escaped and passed without a shell.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/lab.sh" define-guest "$@"
