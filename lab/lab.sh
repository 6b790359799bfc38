#!/usr/bin/env bash
# Federator test lab: N real hypervisor hosts on loopback (one Linux user + one sshd + one libvirt
# session daemon per host, QEMU without KVM). Run as root. See lab/README.md.
#
#   lab/lab.sh packages          install the Debian packages the lab and the e2e browser need
#   lab/lab.sh up [N]            build/refresh N hosts (default 3), pools and disks, reset guests, write .lab/lab.json
#   lab/lab.sh down              stop the lab's sshds, remove lab guests, stop hv users' libvirtd
#   lab/lab.sh status            sshd state and `virsh list --all` per host
#   lab/lab.sh sshd-stop I       kill host I's sshd (and the connections it serves) by recorded PID
#   lab/lab.sh sshd-start I      start it again with the same config and host key
#   lab/lab.sh rotate-hostkey I  give host I a new host key (clients must refuse it), restart its sshd
#   lab/lab.sh restore-hostkey I put host I's original host key back, restart its sshd
#   lab/lab.sh define-guest I NAME [running|shutoff] [MEMORY_MIB]   (also: lab/define-guest.sh)
#   lab/lab.sh jump-host         add host N+1 (hv4 after `up`) that root cannot reach: only through hv1
#   lab/lab.sh boot-guest I NAME [vnc|spice|spice-password]   a guest that boots (kernel + busybox
#                                initramfs), shell on its serial console, its display VNC (default),
#                                SPICE, or SPICE that asks for a password, on the host's loopback
#   lab/lab.sh bmc up|down|status [I]   a BMC (ipmi_sim) per host on 127.0.0.2<i>:623 (lab/bmc.sh)
#   lab/lab.sh power I get power | power I set power 0|1   the BMCs' chassis control (a pulled plug)
#
# Host i: user hv<i>, sshd on 127.0.0.1<i>:22, libvirt URI qemu:///session (as hv<i>).
#
# LIVE MIGRATION between lab hosts (verified by hand: hv1 -> hv2 and back, about 2-2.6 s for 64 MiB),
# run as the SOURCE host's user (here hv1 sends `alpha` to hv2; swap 1<->2 for the way back):
#
#   runuser -u hv1 -- env -i HOME=/home/hv1 PATH=/usr/bin:/bin \
#     virsh -c qemu:///session migrate --live --persistent --undefinesource --verbose \
#     --listen-address 127.0.0.12 --migrateuri tcp://127.0.0.12 \
#     alpha 'qemu+ssh://hv2@127.0.0.12/session?keyfile=/home/hv1/.ssh/id_ed25519'
#
# or the same `virsh ... migrate ...` over the lab ssh as hv1@127.0.0.11, which is what the console
# does (verified too). `env -i`: a caller's XDG_RUNTIME_DIR would point hv1's virsh at another
# (or no) session daemon; sshd sessions (UsePAM no) have none, so both reach ~/.cache/libvirt.
# Peer-to-peer (the source libvirtd drives it, survives the console's link dropping) also works:
# add `--p2p` (and optionally `--tunnelled`, then drop --listen-address/--migrateuri).
# Notes:
#  * Real host-key checking: every hv user has ~/.ssh/known_hosts with the ORIGINAL host keys of all
#    lab hosts, so no `no_verify=1` is needed. After `rotate-hostkey J`, migrations into hv<J> fail
#    with "Host key verification failed" (as they should) until `restore-hostkey J`.
#  * --migrateuri tcp://127.0.0.1<j>: the data path needs no name lookup (the default URI uses the
#    target's hostname). --listen-address 127.0.0.1<j>: the target qemu listens on loopback only
#    (without it the target qemu was seen listening on *:49152), and two migrations into different
#    hosts cannot clash on a port.
#  * Without --undefinesource the source keeps a shut-off copy; without --persistent the target's
#    copy is transient.
#  * serial.log permissions: a guest whose serial console logs to a file in the SOURCE user's home
#    (<serial type='pty'><log file='/home/hv1/x-serial.log'/></serial>) fails to migrate, because the
#    target runs as another user: seen here as "error: Unable to delete file /home/hv1/x-serial.log:
#    Permission denied" (elsewhere "Unable to open file: ...serial.log: Permission denied"). The lab
#    guest (lab/guest.xml.tmpl) keeps <serial type='pty'/> with NO log file, so it never happens here.
#    For a guest that has one, this worked: dump `virsh dumpxml --migratable NAME`, point the <log
#    file=...> into the target user's home, and add `--xml F --persistent-xml F` to the migrate.
#
# Safety: only loopback addresses; only processes this lab started are killed, by the PIDs it
# recorded, after checking /proc that the PID really is an sshd whose command line names our config.
# The hv<i> users belong to the lab: their libvirtd session daemons are stopped on `down`.
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true   # bash 5.2: '&' in ${x//a/b} replacement

LAB_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$LAB_SRC/.." && pwd -P)"
STATE="$REPO/.lab"
CLIENT="$STATE/client"
HOSTS="$STATE/hosts"
LAB_JSON="$STATE/lab.json"
TEMPLATE="$LAB_SRC/guest.xml.tmpl"

PASSPHRASE='lab-secret'
URI='qemu:///session'
MARK_NS='urn:federator:lab'
# Port 22 unless a system sshd already holds it on every address (0.0.0.0:22 or [::]:22, as on most
# VMs), which would make our per-address binds fail; then 2222. LAB_SSH_PORT overrides both.
wildcard_listener_on_22() {
  # /proc/net/tcp{,6}: local address all zeros, port 0x0016, state 0A (LISTEN).
  grep -qsE '^ *[0-9]+: 0+:0016 0+:0000 0A ' /proc/net/tcp /proc/net/tcp6
}
if [[ -n ${LAB_SSH_PORT:-} ]]; then PORT=$LAB_SSH_PORT
elif wildcard_listener_on_22; then PORT=2222
else PORT=22
fi
MAX_HOSTS=99
SSHD=/usr/sbin/sshd

# Baseline guests per host index: "name:state[:disk] ...". Hosts without an entry get none. `disk`: a
# qcow2 overlay in the host's default pool (lab/pool.sh). The jump host's `echo` has none: it is
# live-migrated by tests that copy no storage.
declare -A BASELINE=([1]='alpha:running:disk bravo:shutoff:disk' [2]='charlie:running:disk' [3]='delta:shutoff:disk')
ALL_BASELINE_NAMES='alpha bravo charlie delta echo'
# The jump host (`jump-host`): its baseline guest, and the lab's own nft table that keeps root
# (the console, skuid 0) off its sshd while the hv users (its peers) still reach it.
JUMP_GUEST='echo:running'
NFT_TABLE='federator_lab'

# --------------------------------------------------------------------------------------------------
# shellcheck source=lab/bmc.sh
source "$LAB_SRC/bmc.sh"
# shellcheck source=lab/pool.sh
source "$LAB_SRC/pool.sh"

log() { printf '[lab] %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }
now_ms() { local t; t=$(date +%s%N); echo $((t / 1000000)); }
fmt_ms() { printf '%d.%01ds' $(($1 / 1000)) $((($1 % 1000) / 100)); }

need_root() { [[ $(id -u) -eq 0 ]] || die "run as root (it creates users and starts sshd)"; }

valid_index() {
  [[ ${1:-} =~ ^[1-9][0-9]?$ ]] || die "host index must be 1..$MAX_HOSTS, got '${1:-}'"
}

addr_of() { echo "127.0.0.1$1"; }
user_of() { echo "hv$1"; }
hdir() { echo "$HOSTS/hv$1"; }
home_of() { getent passwd "hv$1" | cut -d: -f6; }
known_host_name() { if [[ $PORT == 22 ]]; then echo "$1"; else echo "[$1]:$PORT"; fi; }

lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock -w 300 9 || die "another lab.sh holds $STATE/.lock"
}

# Run a command as hv<i> with a clean environment (no XDG_RUNTIME_DIR from the caller: the libvirt
# session socket must be the same one sshd sessions use, ~/.cache/libvirt/libvirt-sock).
as_hv() {
  local i=$1; shift
  local u home
  u=$(user_of "$i"); home=$(home_of "$i")
  (cd / && runuser -u "$u" -- env -i HOME="$home" USER="$u" LOGNAME="$u" SHELL=/bin/bash \
    PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "$@" 9>&-)
}
virsh_hv() { local i=$1; shift; as_hv "$i" virsh -q -c "$URI" "$@"; }

json_str() {
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\n'/\\n}; s=${s//$'\t'/\\t}; s=${s//$'\r'/\\r}
  printf '"%s"' "$s"
}
xml_escape() {
  local s=$1
  s=${s//&/'&amp;'}; s=${s//</'&lt;'}; s=${s//>/'&gt;'}; s=${s//\'/'&apos;'}; s=${s//\"/'&quot;'}
  s=${s//$'\n'/'&#10;'}; s=${s//$'\t'/'&#9;'}
  printf '%s' "$s"
}

# ---------------------------------------------------------------------------------- packages ----
ensure_packages() {
  local -a need=()
  local pair bin pkg
  for pair in \
    /usr/sbin/sshd:openssh-server \
    /usr/bin/ssh-keygen:openssh-client \
    /usr/bin/ssh-keyscan:openssh-client \
    /usr/sbin/libvirtd:libvirt-daemon \
    /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so:libvirt-daemon-driver-qemu \
    /usr/bin/virsh:libvirt-clients \
    /usr/bin/tini:tini \
    /usr/bin/qemu-system-x86_64:qemu-system-x86 \
    /usr/bin/qemu-img:qemu-utils \
    /usr/bin/chromium:chromium \
    /usr/sbin/nft:nftables \
    /usr/bin/ipmi_sim:openipmi \
    /usr/bin/ipmitool:ipmitool \
    /usr/bin/ps:procps \
    /bin/busybox:busybox-static \
    /usr/bin/prometheus:prometheus \
    /usr/bin/prometheus-node-exporter:prometheus-node-exporter \
    /usr/bin/prometheus-libvirt-exporter:prometheus-libvirt-exporter; do
    bin=${pair%%:*}; pkg=${pair#*:}
    if [[ ! -x $bin && ! -e $bin ]]; then
      [[ " ${need[*]-} " == *" $pkg "* ]] || need+=("$pkg")
    fi
  done
  ((${#need[@]})) || return 0
  log "installing missing packages: ${need[*]}"
  command -v apt-get >/dev/null || die "apt-get not found; install by hand: ${need[*]}"
  # Keep the packages' postinst from starting system daemons (a system sshd on 0.0.0.0:22 would
  # take the port from the lab's sshds). Only our own policy-rc.d is removed afterwards.
  local policy=/usr/sbin/policy-rc.d ours=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# temporary, written by federator lab/lab.sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"; ours=1
  fi
  local rc=0
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"; } || rc=$?
  if ((ours)); then rm -f "$policy"; fi
  ((rc == 0)) || die "apt-get install failed (rc=$rc)"
}

# ------------------------------------------------------------------------------------ keys ----
ensure_client_keys() {
  mkdir -p "$CLIENT"; chmod 700 "$CLIENT"
  [[ -s $CLIENT/id_ed25519 ]] ||
    ssh-keygen -q -t ed25519 -N '' -C 'federator-lab-client' -f "$CLIENT/id_ed25519" <<<y >/dev/null
  [[ -s $CLIENT/id_passphrase ]] ||
    ssh-keygen -q -t ed25519 -N "$PASSPHRASE" -C 'federator-lab-passphrase' -f "$CLIENT/id_passphrase" <<<y >/dev/null
  [[ -s $CLIENT/id_wrong ]] ||
    ssh-keygen -q -t ed25519 -N '' -C 'federator-lab-wrong-not-authorized' -f "$CLIENT/id_wrong" <<<y >/dev/null
  chmod 600 "$CLIENT"/id_ed25519 "$CLIENT"/id_passphrase "$CLIENT"/id_wrong
}

ensure_user() {
  local i=$1 u home
  u=$(user_of "$i")
  if ! id -u "$u" >/dev/null 2>&1; then
    useradd -m -s /bin/bash -c "federator lab host $i" "$u"
  fi
  # '*' = no password but not locked: with UsePAM no, sshd refuses a locked ('!') account.
  usermod -p '*' -s /bin/bash "$u"
  home=$(home_of "$i")
  [[ -n $home ]] || die "user $u has no home directory"
  if [[ ! -d $home ]]; then mkdir -p "$home"; chown "$u:" "$home"; chmod 755 "$home"; fi
  install -d -m 700 -o "$u" -g "$(id -gn "$u")" "$home/.ssh"
  if [[ ! -s $home/.ssh/id_ed25519 || ! -s $home/.ssh/id_ed25519.pub ]]; then
    rm -f "$home/.ssh/id_ed25519" "$home/.ssh/id_ed25519.pub"
    as_hv "$i" ssh-keygen -q -t ed25519 -N '' -C "hv$i@federator-lab" -f "$home/.ssh/id_ed25519" >/dev/null
  fi
}

ensure_host_files() {
  local i=$1 d
  d=$(hdir "$i")
  mkdir -p "$d"; chmod 700 "$d"
  if [[ ! -s $d/ssh_host_ed25519_key.orig || ! -s $d/ssh_host_ed25519_key.orig.pub ]]; then
    rm -f "$d"/ssh_host_ed25519_key.orig "$d"/ssh_host_ed25519_key.orig.pub
    ssh-keygen -q -t ed25519 -N '' -C "hv$i-host@federator-lab" -f "$d/ssh_host_ed25519_key.orig" >/dev/null
  fi
  if [[ ! -s $d/ssh_host_ed25519_key ]]; then
    cp -p "$d/ssh_host_ed25519_key.orig" "$d/ssh_host_ed25519_key"
    cp -p "$d/ssh_host_ed25519_key.orig.pub" "$d/ssh_host_ed25519_key.pub"
  fi
  chmod 600 "$d"/ssh_host_ed25519_key "$d"/ssh_host_ed25519_key.orig
}

key_is_original() {
  local d; d=$(hdir "$1")
  cmp -s "$d/ssh_host_ed25519_key" "$d/ssh_host_ed25519_key.orig"
}

restore_key_files() {
  local d; d=$(hdir "$1")
  cp -p "$d/ssh_host_ed25519_key.orig" "$d/ssh_host_ed25519_key"
  cp -p "$d/ssh_host_ed25519_key.orig.pub" "$d/ssh_host_ed25519_key.pub"
}

fingerprint() { ssh-keygen -l -E sha256 -f "$1" | awk '{print $2}'; }

# authorized_keys and known_hosts of every hv user, and the console's known_hosts, for hosts 1..N.
write_trust() {
  local n=$1 i j u kh_lines='' ak peers=''
  local -a homes=()
  # Each home and key read once: at 50 hosts the n² lookups (getent | cut per pair) took minutes
  # on a busy machine.
  for ((j = 1; j <= n; j++)); do
    homes[j]=$(home_of "$j")
    kh_lines+="$(known_host_name "$(addr_of "$j")") $(cut -d' ' -f1,2 <"$(hdir "$j")/ssh_host_ed25519_key.orig.pub")"$'\n'
    peers+="$(<"${homes[j]}/.ssh/id_ed25519.pub")"$'\n'
  done
  printf '%s' "$kh_lines" >"$CLIENT/known_hosts"; chmod 644 "$CLIENT/known_hosts"
  for ((i = 1; i <= n; i++)); do
    u=$(user_of "$i")
    ak="# written by federator lab/lab.sh (rewritten on every 'up')"$'\n'
    ak+="$(<"$CLIENT/id_ed25519.pub")"$'\n'
    ak+="$(<"$CLIENT/id_passphrase.pub")"$'\n'
    ak+=$peers
    printf '%s' "$ak" >"${homes[i]}/.ssh/authorized_keys"
    printf '%s' "$kh_lines" >"${homes[i]}/.ssh/known_hosts"
    chown "$u:" "${homes[i]}/.ssh/authorized_keys" "${homes[i]}/.ssh/known_hosts"
    chmod 600 "${homes[i]}/.ssh/authorized_keys" "${homes[i]}/.ssh/known_hosts"
  done
}

# ------------------------------------------------------------------------------------ sshd ----
sshd_config_text() {
  local i=$1 d
  d=$(hdir "$i")
  cat <<EOF
# federator lab host $i (generated by lab/lab.sh; do not edit)
ListenAddress $(addr_of "$i"):$PORT
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile .ssh/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
UsePAM no
PermitRootLogin no
AllowUsers hv$i
AllowAgentForwarding no
X11Forwarding no
PrintMotd no
LogLevel VERBOSE
EOF
  if [[ -x /usr/lib/openssh/sftp-server ]]; then echo "Subsystem sftp /usr/lib/openssh/sftp-server"; fi
}

ensure_sshd_config() {   # returns 0 if the file changed
  local i=$1 d tmp
  d=$(hdir "$i")
  tmp="$d/sshd_config.new"
  sshd_config_text "$i" >"$tmp"
  # OpenSSH >= 9.8 penalises sources that fail auth (all tests come from loopback): turn it off there.
  if "$SSHD" -t -f "$tmp" -o PerSourcePenalties=no >/dev/null 2>&1; then echo 'PerSourcePenalties no' >>"$tmp"; fi
  if cmp -s "$tmp" "$d/sshd_config"; then rm -f "$tmp"; return 1; fi
  mv "$tmp" "$d/sshd_config"
  return 0
}

# Is PID a live sshd whose command line names our config file? (A listener rewrites its title to
# "sshd: /usr/sbin/sshd -D -f CFG -E LOG [listener] ...", which still names the config.)
is_our_sshd() {
  local pid=$1 cfg=$2 cmd
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  cmd=$(tr '\0' ' ' </proc/"$pid"/cmdline 2>/dev/null) || return 1
  [[ $cmd == *sshd* && $cmd == *" -f $cfg "* ]]
}

descendants_of() {   # all processes below PID (one pass over /proc, then a walk down the tree)
  local root=$1 f st rest pid ppid
  local -A kids=()
  for f in /proc/[0-9]*/stat; do
    read -r st 2>/dev/null <"$f" || continue
    pid=${st%% *}
    rest=${st##*) }           # "state ppid pgrp ..." (comm may contain spaces and parens)
    rest=${rest#* }; ppid=${rest%% *}
    kids[$ppid]+=" $pid"
  done
  local -a todo=("$root")
  while ((${#todo[@]})); do
    pid=${todo[0]}; todo=("${todo[@]:1}")
    for f in ${kids[$pid]-}; do echo "$f"; todo+=("$f"); done
  done
  return 0
}

alive() { [[ -d /proc/$1 ]] && ! grep -q '^State:[[:space:]]*Z' /proc/"$1"/status 2>/dev/null; }

recorded_sshd_pid() {   # prints the live lab sshd PID of host i, if any
  local i=$1 d pid
  d=$(hdir "$i")
  for f in "$d/lab.pid" "$d/sshd.pid"; do
    [[ -s $f ]] || continue
    pid=$(<"$f")
    if is_our_sshd "$pid" "$d/sshd_config"; then echo "$pid"; return 0; fi
  done
  return 0
}

stop_sshd() {   # kill host i's listener and everything it forked (connections and their commands)
  local i=$1 d pid kids k n
  d=$(hdir "$i")
  [[ -d $d ]] || return 0
  pid=$(recorded_sshd_pid "$i")
  if [[ -n $pid ]]; then
    # The listener's children are the per-connection sshds; below them run the users' commands.
    # Killing the whole tree drops every open connection, as when a host dies.
    kids=$(descendants_of "$pid")
    kill -TERM "$pid" 2>/dev/null || true
    for k in $kids; do kill -TERM "$k" 2>/dev/null || true; done
    for ((n = 0; n < 50; n++)); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    for k in $kids; do if alive "$k"; then kill -KILL "$k" 2>/dev/null || true; fi; done
  fi
  rm -f "$d/lab.pid" "$d/sshd.pid"
}

start_sshd() {
  local i=$1 d addr pid n want got
  d=$(hdir "$i"); addr=$(addr_of "$i")
  [[ $addr == 127.* ]] || die "refusing non-loopback address $addr"
  mkdir -p /run/sshd; chmod 755 /run/sshd
  "$SSHD" -t -f "$d/sshd_config" || die "sshd config check failed for hv$i"
  rm -f "$d/sshd.pid" "$d/lab.pid"
  # setsid: own session, so a caller killing its process group does not take the sshd with it;
  # stdio to /dev/null, so a caller reading our output through a pipe sees EOF when we exit.
  # 9>&-: the lab's lock fd must not live on in the sshd.
  setsid "$SSHD" -D -f "$d/sshd_config" -E "$d/sshd.log" </dev/null >/dev/null 2>&1 9>&- &
  pid=$!
  want=$(cut -d' ' -f2 <"$d/ssh_host_ed25519_key.pub")
  for ((n = 0; n < 100; n++)); do
    if [[ -s $d/sshd.pid ]]; then pid=$(<"$d/sshd.pid"); fi
    if ! alive "$pid"; then
      tail -n 5 "$d/sshd.log" >&2 || true
      die "sshd for hv$i exited at start (port $addr:$PORT taken by another sshd? check: ss -ltnp)"
    fi
    # Root cannot reach the jump host (that is its point): hv1 looks at it instead.
    if [[ $i == "$(jump_index)" ]] && nft list table inet "$NFT_TABLE" >/dev/null 2>&1; then
      got=$(as_hv 1 ssh-keyscan -T 1 -t ed25519 -p "$PORT" "$addr" 2>/dev/null | awk '{print $3}' | head -n1) || true
    else
      got=$(ssh-keyscan -T 1 -t ed25519 -p "$PORT" "$addr" 2>/dev/null | awk '{print $3}' | head -n1) || true
    fi
    if [[ -n $got ]]; then
      [[ $got == "$want" ]] || die "$addr:$PORT answers with another host key (a foreign sshd?)"
      is_our_sshd "$pid" "$d/sshd_config" || die "sshd for hv$i: PID $pid is not our sshd"
      echo "$pid" >"$d/lab.pid"
      return 0
    fi
    sleep 0.1
  done
  die "sshd for hv$i did not answer on $addr:$PORT within 10 s"
}

# -------------------------------------------------------------------------------- guests ----
render_guest_xml() {   # NAME MEMORY_MIB [DISK_VOLUME]
  local name mem xml disk=''
  name=$(xml_escape "$1"); mem=$2
  [[ -z ${3:-} ]] || disk=$(lab_disk_xml "$3")
  xml=$(sed -n '/^<domain/,$p' "$TEMPLATE")
  xml=${xml//'@NAME@'/"$name"}
  xml=${xml//'@MEMORY_MIB@'/"$mem"}
  xml=${xml//'@DISK@'/"$disk"}
  printf '%s\n' "$xml"
}

define_guest() {   # I NAME [running|shutoff] [MEMORY_MIB] [DISK_VOLUME in the lab's pool]
  local i=$1 name=$2 state=${3:-running} mem=${4:-64} vol=${5:-}
  [[ -n $name && $name != */* ]] || die "guest name must be non-empty and without '/'"
  [[ $state == running || $state == shutoff ]] || die "state must be running or shutoff"
  [[ $mem =~ ^[1-9][0-9]*$ ]] || die "memory (MiB) must be a positive integer"
  id -u "$(user_of "$i")" >/dev/null 2>&1 || die "host $i does not exist (run lab.sh up)"
  # virsh cannot open /dev/stdin here (the pipe belongs to root): copy it to a file of hv<i>'s own.
  # shellcheck disable=SC2016
  render_guest_xml "$name" "$mem" "$vol" | as_hv "$i" bash -c '
    set -e; f=$(mktemp); trap "rm -f \"\$f\"" EXIT
    cat >"$f"; virsh -q -c "$1" define "$f"' _ "$URI" >/dev/null
  if [[ $state == running ]]; then virsh_hv "$i" start --domain "$name" >/dev/null; fi
}

# Destroy and undefine every domain of hv<i> that carries the lab marker, or has a baseline name.
remove_lab_guests() {
  local i=$1
  # shellcheck disable=SC2016
  as_hv "$i" bash -c '
    uri=$1 ns=$2; shift 2
    for u in $(virsh -q -c "$uri" list --all --uuid); do
      name=$(virsh -q -c "$uri" domname "$u" 2>/dev/null) || continue
      ours=0
      if virsh -q -c "$uri" metadata --domain "$u" --uri "$ns" >/dev/null 2>&1; then ours=1; fi
      for b in "$@"; do [[ $name == "$b" ]] && ours=1; done
      ((ours)) || continue
      virsh -q -c "$uri" destroy --domain "$u" >/dev/null 2>&1 || true
      virsh -q -c "$uri" undefine --domain "$u" --managed-save --snapshots-metadata >/dev/null 2>&1 || true
    done' _ "$URI" "$MARK_NS" $ALL_BASELINE_NAMES
}

libvirtd_pids_of() {   # libvirtd/virtlogd/virtlockd session daemons owned by hv<i>
  # One pgrep, not a bash walk of /proc: `down` of 50 hosts ran 50 such walks in parallel, each
  # forking stat per daemon, every 0.1 s while it waited (184 s for the whole `down`).
  local uid
  uid=$(id -u "$(user_of "$1")" 2>/dev/null) || return 0
  pgrep -u "$uid" -x 'libvirtd|virtlogd|virtlockd' || true
}

stop_libvirtd() {
  local i=$1 p n
  for p in $(libvirtd_pids_of "$i"); do kill -TERM "$p" 2>/dev/null || true; done
  for ((n = 0; n < 50; n++)); do
    [[ -z $(libvirtd_pids_of "$i") ]] && return 0
    sleep 0.1
  done
  for p in $(libvirtd_pids_of "$i"); do kill -KILL "$p" 2>/dev/null || true; done
}

ssh_client() {   # I CMD...: the console's view, with real host-key checking
  local i=$1; shift
  ssh -F /dev/null -i "$CLIENT/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o UserKnownHostsFile="$CLIENT/known_hosts" -o StrictHostKeyChecking=yes -o ConnectTimeout=5 \
    -p "$PORT" "$(user_of "$i")@$(addr_of "$i")" "$@"
}

# The session daemon, started by us under a subreaper rather than by virsh's autostart. libvirt
# reports a killed QEMU only once the process is reaped; QEMU is daemonised, so its reaper is the
# nearest subreaper or else PID 1, and the test machine's PID 1 reaps a second or more late (1.3 s
# measured) where a real host's systemd reaps at once. `tini -s` reaps at once, as systemd would.
# No --timeout: the daemon lives until `down` stops it. A daemon already running is left as it is.
start_libvirtd_reaped() {
  local i=$1 sock n p
  for p in $(libvirtd_pids_of "$i"); do
    [[ $(cat "/proc/$p/comm" 2>/dev/null) == libvirtd ]] && return 0
  done
  sock="$(home_of "$i")/.cache/libvirt/libvirt-sock"
  rm -f "$sock"   # a stale one would let virsh connect too early and autostart a second daemon
  # exec 9>&- first: the shells left waiting on the daemon must not hold the lab's lock.
  (exec 9>&- && as_hv "$i" setsid tini -s -- /usr/sbin/libvirtd </dev/null >>"$(hdir "$i")/libvirtd.log" 2>&1) &
  for ((n = 0; n < 300; n++)); do
    [[ -S $sock ]] && return 0
    sleep 0.1
  done
  die "hv$i: libvirtd did not open $sock in 30 s (see $(hdir "$i")/libvirtd.log)"
}

# One host's libvirt part of `up`: warm up, reset guests, define the baseline, check over ssh.
host_job() {
  local i=$1 t0 t1 t2 tp spec name state listed
  local -a with_disk=()
  t0=$(now_ms)
  start_libvirtd_reaped "$i"
  virsh_hv "$i" version >/dev/null   # the first call waits for QEMU probing (~8.5 s cold)
  t1=$(now_ms)
  remove_lab_guests "$i"
  for spec in ${BASELINE[$i]-}; do
    [[ $spec != *:disk ]] || with_disk+=("${spec%%:*}")
  done
  # `|| die`: run_parallel's caller is an `||` list, where set -e does not stop a job.
  tp=$(now_ms)
  ensure_pool_and_disks "$i" "${with_disk[@]}" || die "hv$i: its pool or the guests' disks failed"
  tp=$(($(now_ms) - tp))
  for spec in ${BASELINE[$i]-}; do
    name=${spec%%:*}; state=${spec#*:}; state=${state%%:*}
    if [[ $spec == *:disk ]]; then
      define_guest "$i" "$name" "$state" 64 "$(lab_volume_of "$name")"
    else
      define_guest "$i" "$name" "$state"
    fi
  done
  listed=$(ssh_client "$i" virsh -q -c "$URI" list --all --name)
  for spec in ${BASELINE[$i]-}; do
    grep -qx "${spec%%:*}" <<<"$listed" || die "hv$i: guest ${spec%%:*} not visible over ssh"
  done
  t2=$(now_ms)
  echo "warm-up $(fmt_ms $((t1 - t0))), guests+ssh check $(fmt_ms $((t2 - t1))) (pool and disks $(fmt_ms "$tp"))" >"$(hdir "$i")/job.result"
  # What the summary prints: asking 50 hosts again one by one took longer than the jobs.
  tr '\n' ' ' <<<"$listed" >"$(hdir "$i")/job.guests"
}

# How many host jobs run at once: 50 at once on 2 cores starved each other past the jobs' own
# timeouts' comfort (libvirtd's socket in 30 s, ssh's 5 s connect); LAB_JOBS overrides.
LAB_JOBS=${LAB_JOBS:-$(($(nproc 2>/dev/null || echo 2) * 4))}

run_parallel() {   # FUNC INDEX...: run FUNC i for each index in background, LAB_JOBS at a time; wait by PID
  local fn=$1; shift
  local -a pids=() idx=()
  local i k rc=0 next=0
  [[ $LAB_JOBS =~ ^[1-9][0-9]*$ ]] || die "LAB_JOBS must be a positive integer, got '$LAB_JOBS'"
  wait_job() {   # K: wait for job K (in start order) and report its failure
    if ! wait "${pids[$1]}"; then
      rc=1
      log "hv${idx[$1]}: $fn failed:"; sed 's/^/    /' "$(hdir "${idx[$1]}")/job.log" >&2
    fi
  }
  for i in "$@"; do
    # At the cap: wait for the oldest job still running (by its PID) before starting one more.
    if ((${#pids[@]} - next >= LAB_JOBS)); then wait_job "$next"; next=$((next + 1)); fi
    ("$fn" "$i") >"$(hdir "$i")/job.log" 2>&1 &
    pids+=($!); idx+=("$i")
  done
  for ((k = next; k < ${#pids[@]}; k++)); do wait_job "$k"; done
  return $rc
}

# ---------------------------------------------------------------------------------- lab.json ----
host_count() { [[ -s $STATE/hosts.count ]] && cat "$STATE/hosts.count" || echo 0; }

jump_index() { [[ -s $STATE/jump.host ]] && cat "$STATE/jump.host" || true; }

host_json() {   # I INDENT: one host's entry in lab.json
  local i=$1 pad=$2 d pid guests='' spec first=1
  d=$(hdir "$i")
  pid=$(recorded_sshd_pid "$i"); [[ -n $pid ]] || pid=null
  for spec in ${BASELINE[$i]-}; do
    ((first)) || guests+=', '
    guests+=$(json_str "${spec%%:*}"); first=0
  done
  printf '%s{\n' "$pad"
  printf '%s  "index": %d,\n' "$pad" "$i"
  printf '%s  "name": %s,\n' "$pad" "$(json_str "hv$i")"
  printf '%s  "address": %s,\n' "$pad" "$(json_str "$(addr_of "$i")")"
  printf '%s  "port": %d,\n' "$pad" "$PORT"
  printf '%s  "user": %s,\n' "$pad" "$(json_str "$(user_of "$i")")"
  printf '%s  "uri": %s,\n' "$pad" "$(json_str "$URI")"
  printf '%s  "sshdPid": %s,\n' "$pad" "$pid"
  printf '%s  "sshdConfig": %s,\n' "$pad" "$(json_str "$d/sshd_config")"
  printf '%s  "sshdLog": %s,\n' "$pad" "$(json_str "$d/sshd.log")"
  printf '%s  "hostKeyFingerprint": %s,\n' "$pad" "$(json_str "$(fingerprint "$d/ssh_host_ed25519_key.pub")")"
  printf '%s  "originalHostKeyFingerprint": %s,\n' "$pad" "$(json_str "$(fingerprint "$d/ssh_host_ed25519_key.orig.pub")")"
  printf '%s  "home": %s,\n' "$pad" "$(json_str "$(home_of "$i")")"
  [[ -z $(bmc_json "$i") ]] || printf '%s  "bmc": %s,\n' "$pad" "$(bmc_json "$i")"
  [[ -z $(pool_json "$i") ]] || printf '%s  "pool": %s,\n' "$pad" "$(pool_json "$i")"
  printf '%s  "guests": [%s]\n' "$pad" "$guests"
  printf '%s}' "$pad"
}

write_lab_json() {
  local n i tmp j
  n=$(host_count)
  j=$(jump_index)
  [[ -n $j ]] && BASELINE[$j]=$JUMP_GUEST
  tmp="$LAB_JSON.tmp.$$"
  {
    printf '{\n'
    printf '  "clientKey": %s,\n' "$(json_str "$CLIENT/id_ed25519")"
    printf '  "passphraseKey": %s,\n' "$(json_str "$CLIENT/id_passphrase")"
    printf '  "passphrase": %s,\n' "$(json_str "$PASSPHRASE")"
    printf '  "wrongKey": %s,\n' "$(json_str "$CLIENT/id_wrong")"
    printf '  "knownHosts": %s,\n' "$(json_str "$CLIENT/known_hosts")"
    if [[ -n $j ]]; then
      # Not in "hosts": tests that count the lab's hosts keep their meaning. Reached through hv1.
      printf '  "jumpHost": '; host_json "$j" '  ' | sed '1s/^  //'; printf ',\n'
      printf '  "jumpVia": 1,\n'
    fi
    printf '  "hosts": ['
    for ((i = 1; i <= n; i++)); do
      ((i > 1)) && printf ','
      printf '\n'
      host_json "$i" '    '
    done
    printf '\n  ]\n}\n'
  } >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$LAB_JSON"
}

remove_nft_table() {   # only the lab's own table
  if command -v nft >/dev/null && nft list table inet "$NFT_TABLE" >/dev/null 2>&1; then
    nft delete table inet "$NFT_TABLE"
  fi
}

# ------------------------------------------------------------------------------- commands ----
cmd_up() {
  local n=${1:-3} t0 i d extra changed
  valid_index "$n"
  need_root
  t0=$(now_ms)
  ensure_packages
  for b in ssh ssh-keygen ssh-keyscan runuser setsid flock virsh; do
    command -v "$b" >/dev/null || die "$b not found"
  done
  lock
  mkdir -p "$HOSTS"
  ensure_client_keys
  for ((i = 1; i <= n; i++)); do ensure_user "$i"; ensure_host_files "$i"; done
  write_trust "$n"
  log "users, keys and trust of $n host(s): $(fmt_ms $(($(now_ms) - t0)))"
  # Hosts beyond N from an earlier, bigger lab: take them down.
  for d in "$HOSTS"/hv*; do
    [[ -d $d ]] || continue
    extra=${d##*/hv}
    [[ $extra =~ ^[0-9]+$ ]] && ((extra > n)) || continue
    log "hv$extra is beyond N=$n: stopping it"
    stop_sshd "$extra"
    if id -u "hv$extra" >/dev/null 2>&1; then remove_lab_guests "$extra" || true; stop_libvirtd "$extra"; fi
  done
  echo "$n" >"$STATE/hosts.count"
  rm -f "$STATE/jump.host"; remove_nft_table   # `jump-host` adds it again on request
  for ((i = 1; i <= n; i++)); do
    rm -f "$(power_file "$i")"   # a host its BMC powered off is on again
    changed=0
    if ensure_sshd_config "$i"; then changed=1; fi
    if ! key_is_original "$i"; then restore_key_files "$i"; changed=1; fi
    if [[ $changed == 0 && -n $(recorded_sshd_pid "$i") ]]; then
      log "hv$i: sshd already running (pid $(recorded_sshd_pid "$i")), kept"
    else
      stop_sshd "$i"
      start_sshd "$i"
      log "hv$i: sshd started on $(addr_of "$i"):$PORT (pid $(<"$(hdir "$i")/lab.pid"))"
    fi
  done
  write_lab_json
  log "sshds up: $(fmt_ms $(($(now_ms) - t0)))"
  local -a idx=()
  for ((i = 1; i <= n; i++)); do idx+=("$i"); done
  run_parallel host_job "${idx[@]}" || die "up failed"
  log "libvirt and guests of every host ($LAB_JOBS at a time): $(fmt_ms $(($(now_ms) - t0)))"
  write_lab_json
  echo "Federator lab is up: $n host(s), state in $STATE, description in $LAB_JSON"
  for ((i = 1; i <= n; i++)); do
    printf '  hv%d  %s:%s  sshd pid %s  guests: %s  (%s)\n' "$i" "$(addr_of "$i")" "$PORT" \
      "$(recorded_sshd_pid "$i")" "$(cat "$(hdir "$i")/job.guests")" \
      "$(cat "$(hdir "$i")/job.result")"
  done
  echo "  try: ssh -i $CLIENT/id_ed25519 -o UserKnownHostsFile=$CLIENT/known_hosts hv1@127.0.0.11 virsh -c $URI list --all"
  echo "up took $(fmt_ms $(($(now_ms) - t0)))"
}

cmd_down() {
  need_root
  local t0 d i
  t0=$(now_ms)
  lock
  local -a idx=()
  for d in "$HOSTS"/hv*; do
    [[ -d $d ]] || continue
    i=${d##*/hv}; [[ $i =~ ^[0-9]+$ ]] || continue
    stop_bmc "$i"
    rm -f "$(power_file "$i")"
    stop_sshd "$i"
    idx+=("$i")
  done
  host_down_job() {
    local i=$1
    if id -u "hv$i" >/dev/null 2>&1; then
      remove_lab_guests "$i"
      stop_libvirtd "$i"
    fi
  }
  if ((${#idx[@]})); then run_parallel host_down_job "${idx[@]}" || log "some hosts did not go down cleanly"; fi
  rm -f "$LAB_JSON" "$STATE/hosts.count" "$STATE/jump.host"
  remove_nft_table
  echo "Federator lab is down (users, keys and packages kept) in $(fmt_ms $(($(now_ms) - t0)))"
}

cmd_status() {
  need_root
  local n i pid d
  n=$(host_count)
  if [[ $n == 0 ]]; then echo "lab is down (no $STATE/hosts.count)"; fi
  for d in "$HOSTS"/hv*; do
    [[ -d $d ]] || continue
    i=${d##*/hv}; [[ $i =~ ^[0-9]+$ ]] || continue
    pid=$(recorded_sshd_pid "$i")
    printf '== hv%d  %s:%s  sshd: %s%s\n' "$i" "$(addr_of "$i")" "$PORT" \
      "$([[ -n $pid ]] && echo "running (pid $pid)" || echo stopped)" \
      "$(key_is_original "$i" || echo '  [ROTATED host key]')"
    # While the lab is down, do not query libvirt (that would start the session daemons again).
    if [[ $n != 0 ]] && id -u "hv$i" >/dev/null 2>&1; then
      as_hv "$i" virsh -c "$URI" list --all 2>&1 | sed '/^$/d; s/^/   /' || true
    fi
  done
}

require_host() {
  valid_index "${1:-}"
  need_root
  [[ -f $(hdir "$1")/sshd_config ]] || die "host $1 is not part of the lab (run lab.sh up)"
}

cmd_sshd_stop() {
  require_host "${1:-}"; lock
  stop_sshd "$1"
  [[ -f $LAB_JSON ]] && write_lab_json
  echo "hv$1: sshd stopped"
}

cmd_sshd_start() {
  require_host "${1:-}"; lock
  if [[ -n $(recorded_sshd_pid "$1") ]]; then
    echo "hv$1: sshd already running (pid $(recorded_sshd_pid "$1"))"
  else
    start_sshd "$1"
    echo "hv$1: sshd started (pid $(<"$(hdir "$1")/lab.pid"))"
  fi
  [[ -f $LAB_JSON ]] && write_lab_json
  return 0
}

cmd_rotate_hostkey() {
  require_host "${1:-}"; lock
  local d; d=$(hdir "$1")
  rm -f "$d/ssh_host_ed25519_key.new" "$d/ssh_host_ed25519_key.new.pub"
  ssh-keygen -q -t ed25519 -N '' -C "hv$1-rotated@federator-lab" -f "$d/ssh_host_ed25519_key.new" >/dev/null
  mv -f "$d/ssh_host_ed25519_key.new" "$d/ssh_host_ed25519_key"
  mv -f "$d/ssh_host_ed25519_key.new.pub" "$d/ssh_host_ed25519_key.pub"
  stop_sshd "$1"; start_sshd "$1"
  [[ -f $LAB_JSON ]] && write_lab_json
  echo "hv$1: host key rotated to $(fingerprint "$d/ssh_host_ed25519_key.pub") (trusted: $(fingerprint "$d/ssh_host_ed25519_key.orig.pub"))"
}

cmd_restore_hostkey() {
  require_host "${1:-}"; lock
  restore_key_files "$1"
  stop_sshd "$1"; start_sshd "$1"
  [[ -f $LAB_JSON ]] && write_lab_json
  echo "hv$1: original host key restored ($(fingerprint "$(hdir "$1")/ssh_host_ed25519_key.pub"))"
}

# --------------------------------------------------------------------- booting guest ----
# A guest that boots for real (TESTLAB.md): Debian's cloud kernel, unpacked from its package (from
# apt's cache, else `apt-get download`), and an initramfs of busybox-static whose init gives a root
# shell on ttyS0. Built once into $STATE/boot (world-readable: each hv user's QEMU reads it).
ensure_boot_files() {
  local boot=$STATE/boot work deb pkg
  [[ -s $boot/vmlinuz && -s $boot/initrd.img ]] && return 0
  command -v busybox >/dev/null || die "busybox not found (lab.sh packages installs busybox-static)"
  work=$(mktemp -d); mkdir -p "$boot"
  deb=$(ls -1 /var/cache/apt/archives/linux-image-*-cloud-amd64_*.deb 2>/dev/null | sort -V | tail -1 || true)
  if [[ -z $deb ]]; then
    pkg=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')
    [[ -n $pkg ]] || die "no Debian cloud kernel package found (apt-get update first?)"
    (cd "$work" && apt-get download -q "$pkg" >/dev/null 2>&1) || die "apt-get download $pkg failed"
    deb=$(ls -1 "$work"/linux-image-*.deb | head -1)
  fi
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" --wildcards './boot/vmlinuz-*'
  cp "$(ls -1 "$work"/boot/vmlinuz-* | head -1)" "$boot/vmlinuz"
  mkdir -p "$work/root/bin" "$work/root/proc" "$work/root/sys" "$work/root/dev"
  cp "$(command -v busybox)" "$work/root/bin/busybox"
  cat >"$work/root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
echo "federator lab guest: shell on ttyS0"
while true; do setsid cttyhack sh -i; done
INIT
  chmod 755 "$work/root/init"
  (cd "$work/root" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -9) >"$boot/initrd.img"
  chmod 755 "$boot"; chmod 644 "$boot/vmlinuz" "$boot/initrd.img"
  rm -rf "$work"
}

cmd_boot_guest() {
  valid_index "${1:-}"; need_root
  [[ $# -ge 2 ]] || die "usage: boot-guest HOST_INDEX NAME [vnc|spice|spice-password]"
  local i=$1 name xml display=${3:-vnc} graphics
  [[ -n $2 && $2 != */* ]] || die "guest name must be non-empty and without '/'"
  # SPICE on its plain port only (no TLS), on loopback like the VNC display; the password variant
  # is there to see the console refuse it in words.
  case $display in
    vnc) graphics="<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>" ;;
    spice) graphics="<graphics type='spice' port='-1' tlsPort='-1' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>" ;;
    spice-password) graphics="<graphics type='spice' port='-1' tlsPort='-1' autoport='yes' listen='127.0.0.1' passwd='lab-spice'><listen type='address' address='127.0.0.1'/></graphics>" ;;
    *) die "display must be vnc, spice or spice-password, not '$display'" ;;
  esac
  id -u "$(user_of "$i")" >/dev/null 2>&1 || die "host $i does not exist (run lab.sh up)"
  ensure_boot_files
  name=$(xml_escape "$2")
  xml=$(sed -n '/^<domain/,$p' "$REPO/lab/boot-guest.xml.tmpl")
  xml=${xml//'@NAME@'/"$name"}
  xml=${xml//'@KERNEL@'/"$(xml_escape "$STATE/boot/vmlinuz")"}
  xml=${xml//'@INITRD@'/"$(xml_escape "$STATE/boot/initrd.img")"}
  xml=${xml//'@GRAPHICS@'/"$graphics"}
  # shellcheck disable=SC2016
  printf '%s\n' "$xml" | as_hv "$i" bash -c '
    set -e; f=$(mktemp); trap "rm -f \"\$f\"" EXIT
    cat >"$f"; virsh -q -c "$1" define "$f"' _ "$URI" >/dev/null
  virsh_hv "$i" start --domain "$2" >/dev/null
  echo "hv$i: booting guest '$2' started (serial console on ttyS0, $display display)"
}

cmd_define_guest() {
  valid_index "${1:-}"; need_root
  [[ $# -ge 2 ]] || die "usage: define-guest HOST_INDEX NAME [running|shutoff] [MEMORY_MIB]"
  define_guest "${@:1:4}"
  echo "hv$1: defined guest '$2' (${3:-running})"
}

# Host N+1 (hv4 after `up`), reachable by the hv users but not by root: an nft rule in the lab's own
# table drops root's (skuid 0) packets to its sshd, so the console, running as root, only gets there
# through hv1 (ProxyJump). Idempotent; `up` and `down` take it away again.
cmd_jump_host() {
  need_root
  local n j t0
  t0=$(now_ms)
  n=$(host_count)
  [[ $n -ge 1 && -f $LAB_JSON ]] || die "the lab is not up (run lab.sh up first)"
  command -v nft >/dev/null || die "nft not found (lab.sh packages installs nftables)"
  lock
  j=$((n + 1))
  valid_index "$j"
  BASELINE[$j]=$JUMP_GUEST
  remove_nft_table   # root must reach it while it is set up and checked
  ensure_user "$j"; ensure_host_files "$j"
  write_trust "$j"
  if ensure_sshd_config "$j" || ! key_is_original "$j" || [[ -z $(recorded_sshd_pid "$j") ]]; then
    restore_key_files "$j"; stop_sshd "$j"; start_sshd "$j"
  fi
  run_parallel host_job "$j" || die "jump-host failed"
  nft -f - <<NFT
table inet $NFT_TABLE {
  chain output {
    type filter hook output priority 0; policy accept;
    ip daddr $(addr_of "$j") tcp dport $PORT meta skuid 0 drop
  }
}
NFT
  if ssh_client "$j" true 2>/dev/null; then die "root still reaches hv$j directly: the nft rule did not take"; fi
  as_hv 1 ssh -o BatchMode=yes -o ConnectTimeout=5 -p "$PORT" "hv$j@$(addr_of "$j")" true ||
    die "hv1 cannot reach hv$j"
  echo "$j" >"$STATE/jump.host"
  write_lab_json
  echo "hv$j: $(addr_of "$j"):$PORT, reachable only through hv1 (nft table inet $NFT_TABLE), guests: $(virsh_hv "$j" list --all --name | tr '\n' ' ')"
  echo "jump-host took $(fmt_ms $(($(now_ms) - t0)))"
}

usage() {
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    packages) need_root; ensure_packages ;;
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    sshd-stop) cmd_sshd_stop "$@" ;;
    sshd-start) cmd_sshd_start "$@" ;;
    rotate-hostkey) cmd_rotate_hostkey "$@" ;;
    restore-hostkey) cmd_restore_hostkey "$@" ;;
    define-guest) cmd_define_guest "$@" ;;
    boot-guest) cmd_boot_guest "$@" ;;
    jump-host) cmd_jump_host ;;
    bmc) cmd_bmc "$@" ;;
    power) cmd_power "$@" ;;
    -h | --help | help | '') usage ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
