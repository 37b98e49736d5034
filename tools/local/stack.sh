# shellcheck shell=bash
# Local stand-ins for the Azure services Career Nexus uses:
#   Cosmos DB -> tools/local/cosmos.js (@vercel/cosmosdb-server)
#   Blob/Queue/Table storage -> Azurite
#   SMTP -> maildev (catches every mail; web UI to read them)
#
# This file is a library: source it, then call
#   stack_install          npm ci (when needed) + dotnet restore
#   stack_start fixed|free start the servers, export CareerNexus__* settings
#   stack_stop             stop everything stack_start/stack_spawn started
#
# fixed: well-known ports, data kept in <repo>/.local (survives restarts).
# free:  random free ports, data in a temp dir that stack_stop deletes, so
#        several runs (tests, benchmarks) can coexist on one machine.
#
# Every server runs in its own session/process group (setsid) so that
#  - Ctrl-C in the terminal reaches only the script, which then stops the app
#    first and the servers afterwards (Cosmos saves its snapshot exactly once);
#  - stopping a server also stops anything it forked (kill the whole group).
# A small watchdog process stops the stack if the owning script dies without
# running its traps (kill -9, CI timeout), so no server outlives its owner.

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  echo "tools/local/stack.sh is a library; use ./run.sh, ./test.sh or ./bench.sh" >&2
  exit 2
fi

STACK_REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STACK_TOOLS="$STACK_REPO_ROOT/tools/local"

# No first-run banners or telemetry calls (the machine has no internet anyway).
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

# Well-known development credentials, published by Microsoft; not secrets.
STACK_COSMOS_KEY='C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=='
STACK_AZURITE_ACCOUNT='devstoreaccount1'
STACK_AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

STACK_START_TIMEOUT="${STACK_START_TIMEOUT:-30}" # seconds per server
STACK_STOP_TIMEOUT="${STACK_STOP_TIMEOUT:-10}"   # seconds before SIGKILL

_STACK_GROUPS=()      # "name pgid job logfile" per spawned process, in start order
_STACK_WATCHDOG=""    # "pgid job" of the watchdog
_STACK_TEMP_DIR=""    # STACK_DIR when it is a temp dir we created (free mode)
_STACK_OWNER_FILE=""  # run/owner file we wrote (fixed mode)
_STACK_LAUNCHED=""

# For the scripts that own a stack: INT/TERM/HUP become a normal exit, so the
# EXIT trap stops everything exactly once.
stack_traps() {
  trap stack_stop EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}

# The usual start for a script that owns a stack: traps, install, start.
stack_up() {
  stack_traps
  stack_install
  stack_start "$1"
}

stack_step() { printf '[stack] %s\n' "$*"; }
stack_error() { printf '[stack] error: %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------
# install

# Generated CVs (PDFsharp) need a sans-serif TrueType font on the machine: DejaVu
# Sans from fonts-dejavu-core, or Liberation Sans. Installed with apt when missing
# and we may (root with apt-get); otherwise say what to install.
stack_install_cv_fonts() {
  local found
  # find fails on a folder that does not exist; only what it prints counts.
  found=$(find /usr/share/fonts /usr/local/share/fonts \( -name DejaVuSans-Bold.ttf -o -name LiberationSans-Bold.ttf \) \
    -print -quit 2>/dev/null || true)
  [[ -n $found ]] && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    stack_step "installing fonts-dejavu-core (fonts for generated CVs)..."
    if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core) >/dev/null; then
      return 0
    fi
  fi
  # Only CV generation needs it, so the stack still starts.
  stack_error "no font for generated CVs: install fonts-dejavu-core (or fonts-liberation), or set CareerNexus__CvFontDirectory"
}

stack_install() {
  local tool
  for tool in node npm dotnet; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      case $tool in
        node|npm) stack_error "'$tool' not found: install Node.js 20 or newer (it comes with npm)" ;;
        dotnet)   stack_error "'dotnet' not found: install the .NET SDK 10" ;;
      esac
      return 1
    fi
  done
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  if (( node_major < 20 )); then
    stack_error "Node.js $(node --version) is too old, need 20 or newer"
    return 1
  fi

  # npm ci wipes and rebuilds node_modules and its postinstall runs
  # patch-package, so the stamp says "installed from this lock file and these
  # patches"; reinstall whenever one of them is newer than the stamp.
  local stamp="$STACK_TOOLS/node_modules/.careernexus-stack-installed"
  local reason=""
  if [[ ! -d "$STACK_TOOLS/node_modules" ]]; then
    reason="node_modules missing"
  elif [[ ! -f "$stamp" ]]; then
    reason="not installed by this script yet"
  else
    local f
    for f in "$STACK_TOOLS/package-lock.json" "$STACK_TOOLS/package.json" "$STACK_TOOLS"/patches/*.patch; do
      if [[ -e "$f" && "$f" -nt "$stamp" ]]; then reason="${f#"$STACK_TOOLS"/} changed"; break; fi
    done
  fi
  if [[ -n "$reason" ]]; then
    stack_step "installing local stack packages ($reason): npm ci in tools/local..."
    if ! (cd "$STACK_TOOLS" && npm ci --no-audit --no-fund); then
      stack_error "npm ci failed in tools/local"
      return 1
    fi
    touch "$stamp"
  fi

  stack_install_cv_fonts

  stack_step "restoring .NET packages..."
  if ! dotnet restore "$STACK_REPO_ROOT/CareerNexus.sln" --verbosity quiet; then
    stack_error "dotnet restore failed"
    return 1
  fi
}

# ---------------------------------------------------------------------------
# ports and processes

# True when something accepts TCP connections on 127.0.0.1:PORT.
stack_port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Print N distinct free loopback ports. All sockets are held open together
# so the kernel cannot hand out the same port twice.
stack_free_ports() {
  node -e '
    const net = require("net");
    const n = Number(process.argv[1]);
    const servers = [];
    const done = () => {
      console.log(servers.map(s => s.address().port).join(" "));
      servers.forEach(s => s.close());
    };
    for (let i = 0; i < n; i++) {
      const s = net.createServer();
      servers.push(s);
      s.listen(0, "127.0.0.1", () => { if (servers.every(x => x.listening)) done(); });
    }' "${1:-1}"
}

# pgid: is any process of the group still running? Zombies do not count: where
# PID 1 does not reap orphans (some containers) they would never go away.
# Reads /proc directly because slim images often have no ps.
_stack_group_alive() {
  local f line state _ppid pgrp
  for f in /proc/[0-9]*/stat; do
    { read -r line <"$f"; } 2>/dev/null || continue
    line=${line##*) } # skip "pid (comm) ", comm may contain spaces
    read -r state _ppid pgrp _ <<<"$line"
    if [[ "$pgrp" == "$1" && "$state" != Z ]]; then return 0; fi
  done
  return 1
}

# _stack_launch NAME LOG CMD...: start CMD in a new session with stdin from
# /dev/null and output to LOG ("-" keeps the caller's stdout/stderr). Sets
# _STACK_LAUNCHED="pgid job". The child writes its own pid (= its process
# group id) to run/NAME.pid because setsid forks when the caller happens to
# be a process group leader (interactive shell), and then $! is not the group.
_stack_launch() {
  local name=$1 log=$2
  shift 2
  local pidfile="$STACK_DIR/run/$name.pid"
  mkdir -p "$STACK_DIR/run"
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  local launcher='echo $$ > "$0.tmp" && mv "$0.tmp" "$0" && exec "$@"'
  if [[ "$log" == "-" ]]; then
    setsid bash -c "$launcher" "$pidfile" "$@" </dev/null &
  else
    setsid bash -c "$launcher" "$pidfile" "$@" </dev/null >"$log" 2>&1 &
  fi
  local job=$! i
  for ((i = 0; i < 200; i++)); do
    [[ -s "$pidfile" ]] && break
    sleep 0.05
  done
  if [[ ! -s "$pidfile" ]]; then
    stack_error "$name did not start"
    _stack_tail_log "$log"
    return 1
  fi
  _STACK_LAUNCHED="$(<"$pidfile") $job"
}

# stack_spawn NAME LOG CMD...: like _stack_launch, and stack_stop will stop it
# (groups are stopped in reverse start order, so spawn the app last). Sets
# STACK_LAST_JOB to the background job id, for `wait "$STACK_LAST_JOB"`.
stack_spawn() {
  local name=$1 log=$2
  _stack_launch "$@" || return 1
  _STACK_GROUPS+=("$name $_STACK_LAUNCHED $log")
  # shellcheck disable=SC2034 # read by the scripts that source this file
  STACK_LAST_JOB=${_STACK_LAUNCHED#* }
}

_stack_tail_log() {
  local log=$1
  if [[ "$log" != "-" && -s "$log" ]]; then
    echo "----- last lines of $log -----" >&2
    tail -n 30 "$log" | sed 's/^/    /' >&2
    echo "-----" >&2
  fi
}

# stack_wait_port NAME PORT [TIMEOUT]: wait until the spawned process NAME
# answers on 127.0.0.1:PORT; fail early, with its log, if it exits first.
stack_wait_port() {
  local name=$1 port=$2 timeout=${3:-$STACK_START_TIMEOUT}
  local entry n g l pgid="" log="-"
  for entry in "${_STACK_GROUPS[@]}"; do
    read -r n g _ l <<<"$entry"
    if [[ "$n" == "$name" ]]; then pgid=$g log=$l; fi
  done
  local deadline=$((SECONDS + timeout))
  while ! stack_port_answers "$port"; do
    if [[ -n "$pgid" ]] && ! _stack_group_alive "$pgid"; then
      stack_error "$name exited before it answered on 127.0.0.1:$port"
      _stack_tail_log "$log"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      stack_error "$name did not answer on 127.0.0.1:$port within ${timeout}s"
      _stack_tail_log "$log"
      return 1
    fi
    sleep 0.1
  done
}

# Stop one process group: TERM, wait, then KILL. Servers get time to save state.
_stack_stop_group() {
  local name=$1 pgid=$2
  _stack_group_alive "$pgid" || return 0
  kill -TERM -- "-$pgid" 2>/dev/null || true
  local deadline=$((SECONDS + STACK_STOP_TIMEOUT))
  while _stack_group_alive "$pgid"; do
    if ((SECONDS >= deadline)); then
      stack_step "$name did not stop within ${STACK_STOP_TIMEOUT}s, killing it"
      kill -KILL -- "-$pgid" 2>/dev/null || true
      sleep 0.2
      break
    fi
    sleep 0.1
  done
}

_stack_pid_running() { # pid: exists and is not a zombie
  local stat
  stat=$(<"/proc/$1/stat") 2>/dev/null || return 1
  stat=${stat##*) } # the command name in (...) may contain spaces
  [[ "${stat%% *}" != Z ]]
}

# Fixed mode shares one STACK_DIR between runs. Refuse to start while another
# live shell owns it; otherwise stop servers an earlier run left behind when it
# was killed so hard that neither its traps nor its watchdog ran, but only if
# the recorded pid still runs one of our own commands.
_stack_claim_dir() {
  local owner_file="$STACK_DIR/run/owner" owner pidfile pgid name
  mkdir -p "$STACK_DIR/run"
  if [[ -s "$owner_file" ]]; then
    owner=$(<"$owner_file")
    if [[ "$owner" =~ ^[0-9]+$ && "$owner" != "$BASHPID" ]] && _stack_pid_running "$owner"; then
      stack_error "$STACK_DIR is in use by another run (pid $owner); stop it first"
      return 1
    fi
  fi
  for pidfile in "$STACK_DIR"/run/*.pid; do
    [[ -s "$pidfile" ]] || continue
    pgid=$(<"$pidfile") name=$(basename "$pidfile" .pid)
    if [[ "$pgid" =~ ^[0-9]+$ ]] && _stack_pid_running "$pgid" &&
      tr '\0' ' ' <"/proc/$pgid/cmdline" | grep -qF -e "$STACK_TOOLS/" -e "$STACK_REPO_ROOT/functions/"; then
      stack_step "stopping $name left over from an earlier run (pid $pgid)"
      _stack_stop_group "$name" "$pgid"
    fi
    rm -f "$pidfile"
  done
  echo "$BASHPID" >"$owner_file"
  _STACK_OWNER_FILE=$owner_file
}

# The watchdog polls the owning shell; once that is gone it stops every group
# recorded in run/*.pid and deletes the temp dir. stack_stop kills it first.
_stack_start_watchdog() {
  # shellcheck disable=SC2016
  local script='
    owner=$1 rundir=$2 tempdir=$3 grace=$4
    running() { local s; s=$(cat "/proc/$owner/stat" 2>/dev/null) || return 1; s=${s##*) }; [ "${s%% *}" != Z ]; }
    while running; do sleep 1; done
    pgids=$(cat "$rundir"/*.pid 2>/dev/null | grep -vx "$$")
    for g in $pgids; do kill -TERM -- "-$g" 2>/dev/null; done
    for _ in $(seq $((grace * 10))); do
      left=""; for g in $pgids; do kill -0 -- "-$g" 2>/dev/null && left=1; done
      [ -z "$left" ] && break; sleep 0.1
    done
    for g in $pgids; do kill -KILL -- "-$g" 2>/dev/null; done
    rm -f "$rundir"/*.pid "$rundir/owner"
    [ -n "$tempdir" ] && rm -rf "$tempdir"
    exit 0'
  _stack_launch watchdog "$STACK_DIR/logs/watchdog.log" \
    bash -c "$script" watchdog "$BASHPID" "$STACK_DIR/run" "$_STACK_TEMP_DIR" "$STACK_STOP_TIMEOUT" || return 1
  _STACK_WATCHDOG=$_STACK_LAUNCHED
}

# ---------------------------------------------------------------------------
# start / stop

stack_start() {
  local mode=${1:-}
  if [[ "$mode" != fixed && "$mode" != free ]]; then
    stack_error "usage: stack_start fixed|free"
    return 1
  fi
  if ((${#_STACK_GROUPS[@]})) || [[ -n "$_STACK_WATCHDOG" ]]; then
    stack_error "the stack is already started in this shell"
    return 1
  fi
  if [[ ! -x "$STACK_TOOLS/node_modules/.bin/azurite" ]]; then
    stack_error "tools/local/node_modules is missing: call stack_install first"
    return 1
  fi

  local cosmos_port blob_port queue_port table_port smtp_port web_port
  local -a cosmos_args=()
  if [[ "$mode" == fixed ]]; then
    STACK_DIR="${STACK_DIR:-$STACK_REPO_ROOT/.local}"
    mkdir -p "$STACK_DIR"
    STACK_DIR=$(cd "$STACK_DIR" && pwd)
    _stack_claim_dir || return 1
    cosmos_port=8081 blob_port=10000 queue_port=10001 table_port=10002 smtp_port=1025 web_port=1080
    local p busy=""
    for p in $cosmos_port $blob_port $queue_port $table_port $smtp_port $web_port; do
      if stack_port_answers "$p"; then busy+=" $p"; fi
    done
    if [[ -n "$busy" ]]; then
      stack_error "port(s)${busy} on 127.0.0.1 already in use (another emulator or run.sh?)"
      return 1
    fi
    # Cosmos keeps its data in memory; the snapshot carries it across restarts.
    cosmos_args=(--snapshot "$STACK_DIR/cosmos-snapshot.json")
  else
    # Always a private temp dir (STACK_DIR from the environment is ignored here):
    # sharing a folder with a running run.sh would mix pid files and data.
    STACK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/careernexus-stack.XXXXXX")
    _STACK_TEMP_DIR=$STACK_DIR
    local ports
    ports=$(stack_free_ports 6) || { stack_error "could not pick free ports"; return 1; }
    read -r cosmos_port blob_port queue_port table_port smtp_port web_port <<<"$ports"
  fi
  export STACK_DIR
  mkdir -p "$STACK_DIR/logs" "$STACK_DIR/run" "$STACK_DIR/azurite" "$STACK_DIR/maildev"
  stack_step "mode: $mode, data and logs in $STACK_DIR"

  _stack_start_watchdog || return 1

  local bin="$STACK_TOOLS/node_modules/.bin"

  stack_step "starting Cosmos (127.0.0.1:$cosmos_port)..."
  stack_spawn cosmos "$STACK_DIR/logs/cosmos.log" \
    node "$STACK_TOOLS/cosmos.js" --host 127.0.0.1 --port "$cosmos_port" "${cosmos_args[@]}" || return 1
  stack_wait_port cosmos "$cosmos_port" || return 1

  stack_step "starting Azurite (blob 127.0.0.1:$blob_port, queue :$queue_port, table :$table_port)..."
  stack_spawn azurite "$STACK_DIR/logs/azurite.log" \
    "$bin/azurite" --location "$STACK_DIR/azurite" --skipApiVersionCheck --loose --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort "$blob_port" \
    --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" || return 1
  stack_wait_port azurite "$blob_port" || return 1
  stack_wait_port azurite "$queue_port" || return 1
  stack_wait_port azurite "$table_port" || return 1

  # --mail-directory: without it maildev uses /tmp/maildev-<pid> and never
  # deletes it; with it, caught mails also survive a restart in fixed mode.
  stack_step "starting maildev (SMTP 127.0.0.1:$smtp_port, web 127.0.0.1:$web_port)..."
  stack_spawn maildev "$STACK_DIR/logs/maildev.log" \
    "$bin/maildev" --smtp "$smtp_port" --web "$web_port" --ip 127.0.0.1 \
    --mail-directory "$STACK_DIR/maildev" || return 1
  stack_wait_port maildev "$smtp_port" || return 1
  stack_wait_port maildev "$web_port" || return 1

  export STACK_COSMOS_PORT=$cosmos_port STACK_BLOB_PORT=$blob_port STACK_QUEUE_PORT=$queue_port \
    STACK_TABLE_PORT=$table_port STACK_SMTP_PORT=$smtp_port STACK_MAILDEV_WEB_PORT=$web_port

  # ASP.NET Core reads configuration from the environment; "__" separates sections.
  export CareerNexus__Cosmos__Endpoint="http://127.0.0.1:$cosmos_port"
  export CareerNexus__Cosmos__Key="$STACK_COSMOS_KEY" # ignored by the local server
  export CareerNexus__Cosmos__Database=careernexus
  export CareerNexus__Cosmos__ServerTiming=true # each response names its Cosmos operations
  export CareerNexus__Blob__ConnectionString="DefaultEndpointsProtocol=http;AccountName=$STACK_AZURITE_ACCOUNT;AccountKey=$STACK_AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$blob_port/$STACK_AZURITE_ACCOUNT;"
  export CareerNexus__Smtp__Host=127.0.0.1
  export CareerNexus__Smtp__Port="$smtp_port"
  export CareerNexus__Smtp__WebUrl="http://127.0.0.1:$web_port"
  export AZURE_COSMOS_USE_QUERY_PLAN_INTEROP_LINUX=true

  # Token signing key: kept in fixed mode so issued tokens stay valid across
  # restarts, fresh for every free-mode run. Never printed.
  local key_file="$STACK_DIR/signing-key" new_key='process.stdout.write(require("crypto").randomBytes(48).toString("base64"))'
  if [[ "$mode" == fixed ]]; then
    if [[ ! -s "$key_file" ]]; then
      (umask 077 && node -e "$new_key" >"$key_file.tmp" && mv "$key_file.tmp" "$key_file") || return 1
    fi
    CareerNexus__Tokens__SigningKey=$(tr -d '[:space:]' <"$key_file")
  else
    CareerNexus__Tokens__SigningKey=$(node -e "$new_key")
  fi
  export CareerNexus__Tokens__SigningKey

  stack_step "local stack is up"
}

# Stops, in reverse start order, everything started by stack_start and
# stack_spawn, then (free mode) deletes the temp dir; set STACK_KEEP_TEMP=1 to
# keep it for its logs. Idempotent and safe in EXIT/INT/TERM traps: signals
# are ignored while it runs so a second Ctrl-C cannot leave servers behind.
stack_stop() {
  local saved_traps
  saved_traps=$(trap -p INT TERM HUP)
  trap '' INT TERM HUP

  local pgid job name log i
  if [[ -n "$_STACK_WATCHDOG" ]]; then
    read -r pgid job <<<"$_STACK_WATCHDOG"
    kill -KILL -- "-$pgid" 2>/dev/null || true
    wait "$job" 2>/dev/null || true
    _STACK_WATCHDOG=""
  fi
  if ((${#_STACK_GROUPS[@]})); then
    stack_step "stopping local stack..."
    for ((i = ${#_STACK_GROUPS[@]} - 1; i >= 0; i--)); do
      read -r name pgid job log <<<"${_STACK_GROUPS[i]}"
      _stack_stop_group "$name" "$pgid"
      wait "$job" 2>/dev/null || true # reap it, and no "Terminated" notice
      rm -f "${STACK_DIR:?}/run/$name.pid"
    done
    _STACK_GROUPS=()
  fi
  if [[ -n "${STACK_DIR:-}" ]]; then rm -f "$STACK_DIR/run/watchdog.pid"; fi
  if [[ -n "$_STACK_OWNER_FILE" ]]; then
    rm -f "$_STACK_OWNER_FILE"
    _STACK_OWNER_FILE=""
  fi
  if [[ -n "$_STACK_TEMP_DIR" ]]; then
    if [[ "${STACK_KEEP_TEMP:-0}" == 1 ]]; then
      stack_step "kept $_STACK_TEMP_DIR (STACK_KEEP_TEMP=1)"
    else
      rm -rf "$_STACK_TEMP_DIR"
    fi
    _STACK_TEMP_DIR=""
  fi

  trap - INT TERM HUP
  eval "$saved_traps"
}
