#!/usr/bin/env bash
# Installs the Debian packages the tests need, only those missing: the lab's real hosts (OpenSSH,
# libvirt, QEMU), the browser the e2e tests drive, and nftables for fault injection. Needs root.
set -euo pipefail

declare -A binary_of=(
  [openssh-server]=/usr/sbin/sshd
  [libvirt-clients]=/usr/bin/virsh
  [libvirt-daemon]=/usr/sbin/libvirtd
  [libvirt-daemon-driver-qemu]=/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so
  [qemu-system-x86]=/usr/bin/qemu-system-x86_64
  [chromium]=/usr/bin/chromium
  [nftables]=/usr/sbin/nft
)

missing=()
for pkg in "${!binary_of[@]}"; do
  [ -e "${binary_of[$pkg]}" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need these Debian packages: ${missing[*]}. Install them as root (apt-get install -y ${missing[*]}) or run the tests as root." >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
