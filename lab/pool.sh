# shellcheck shell=bash
# Federator test lab: each host user's default storage pool and the baseline guests' disks.
# Sourced by lab/lab.sh (uses its as_hv, log, die, URI, BASELINE).
#
# Pool `default`: a directory pool at ~/.local/share/libvirt/images, where virt-manager and
# virt-install put a session user's disks; defined, built, started and marked autostart on `up`
# (kept, as the users are, on `down`, with its volumes). In it: `lab-base.qcow2`, a tiny empty image
# (8 MiB virtual, ~200 KiB on disk), made once, and `lab-<guest>.qcow2`, a qcow2 overlay over it per
# baseline guest that has a disk, made again by `up` when it was changed. The guests
# name their disk as a pool volume (<disk type='volume'>), not a path: each host's pool resolves it
# to its own user's home, which is what a copy of storage to another host needs.
# Also one network per host, `lab-net`, defined but never started: session libvirt may define
# networks but not create their bridge ("Operation not permitted"), so it is the inactive network
# a real host also has, for `net-list --all`.

LAB_POOL='default'
LAB_BASE_VOL='lab-base.qcow2'
LAB_DISK_MIB=8
LAB_NET='lab-net'

lab_volume_of() { echo "lab-$1.qcow2"; }   # the disk volume of baseline guest NAME

pool_dir_of() { echo "$(home_of "$1")/.local/share/libvirt/images"; }

# The <disk> element of a guest whose disk is VOLUME in the lab's pool.
lab_disk_xml() {
  printf "<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
  printf "<source pool='%s' volume='%s'/><target dev='vda' bus='virtio'/></disk>" \
    "$(xml_escape "$LAB_POOL")" "$(xml_escape "$1")"
}

# I NAME...: host i's pool (defined if it is not), its base image, an overlay for each NAME, its
# inactive network. Time matters (`up` runs this per host on every reset), so after the first `up`
# it costs nothing: libvirt's own config files say what is defined, and an overlay is made again only
# when it is not as the lab left it: its size, recorded here by root, differs (a test wrote to it or
# took an internal snapshot). Not its mtime: QEMU writes the qcow2 header whenever the guest starts,
# but the lab's guests never boot, so their data stay as made. Only
# when a file was made does one virsh pool-refresh (or pool-start, which refreshes) follow.
ensure_pool_and_disks() {
  local i=$1 dir name vol stamp; shift
  local -a stale=()
  dir=$(pool_dir_of "$i")
  [[ ! -s $(hdir "$i")/pool.path ]] || dir=$(<"$(hdir "$i")/pool.path")
  for name in "$@"; do
    vol=$(lab_volume_of "$name"); stamp="$(hdir "$i")/disk-$vol.stamp"
    if [[ ! -s $stamp || $(stat -c '%s' "$dir/$vol" 2>/dev/null) != "$(<"$stamp")" ]]; then
      stale+=("$vol")
    fi
  done
  [[ -s $dir/$LAB_BASE_VOL ]] || stale+=("$LAB_BASE_VOL")
  if ((${#stale[@]} == 0)) && [[ -s $(home_of "$i")/.config/libvirt/qemu/networks/$LAB_NET.xml ]]; then
    return 0
  fi
  # shellcheck disable=SC2016
  as_hv "$i" bash -c '
    set -euo pipefail
    uri=$1 pool=$2 dir=$3 base=$4 mib=$5 net=$6; shift 6
    v() { virsh -q -c "$uri" "$@"; }
    conf=$HOME/.config/libvirt
    if [[ ! -s $conf/storage/$pool.xml ]]; then
      v pool-define-as "$pool" dir --target "$dir" >/dev/null
      v pool-build "$pool" >/dev/null
      v pool-autostart "$pool" >/dev/null
    fi
    # A `default` pool the user already had keeps its own directory.
    dir=$(sed -n "s:^ *<path>\(.*\)</path>:\1:p" "$conf/storage/$pool.xml" | head -n1)
    [[ -d $dir ]] || { echo "pool $pool has no directory ($dir)" >&2; exit 1; }
    [[ -s $dir/$base ]] || qemu-img create -q -f qcow2 "$dir/$base" "${mib}M"
    for vol in "$@"; do
      [[ $vol != "$base" ]] || continue
      rm -f "$dir/$vol"
      qemu-img create -q -f qcow2 -F qcow2 -b "$dir/$base" "$dir/$vol" "${mib}M"
    done
    v pool-refresh "$pool" >/dev/null 2>&1 || v pool-start "$pool" >/dev/null
    if [[ ! -s $conf/qemu/networks/$net.xml ]]; then
      f=$(mktemp); trap "rm -f \"\$f\"" EXIT
      printf "<network><name>%s</name><bridge name=\"virbr-%s\"/><ip address=\"192.168.250.1\" netmask=\"255.255.255.0\"/></network>\n" "$net" "$USER" >"$f"
      v net-define "$f" >/dev/null
    fi
    echo "$dir"' _ "$URI" "$LAB_POOL" "$dir" "$LAB_BASE_VOL" "$LAB_DISK_MIB" "$LAB_NET" \
    "${stale[@]}" >"$(hdir "$i")/pool.path"
  dir=$(<"$(hdir "$i")/pool.path")
  for vol in "${stale[@]}"; do
    [[ $vol == "$LAB_BASE_VOL" ]] || stat -c '%s' "$dir/$vol" >"$(hdir "$i")/disk-$vol.stamp"
  done
}

# lab.json's "pool" of host i, as `up` left it (empty when it did not run).
pool_json() {
  local f; f="$(hdir "$1")/pool.path"
  [[ -s $f ]] || return 0
  printf '{ "name": %s, "path": %s, "baseVolume": %s }' "$(json_str "$LAB_POOL")" \
    "$(json_str "$(<"$f")")" "$(json_str "$LAB_BASE_VOL")"
}
