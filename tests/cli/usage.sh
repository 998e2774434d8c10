#!/bin/sh
# usage.sh - the `ifzo` command line: every command is listed, answers --help with exit 0,
# and an unknown command or a missing one exits 2 with the list on stderr. The operators'
# first contact with the system is this command, like git's: it must say what it can do.
# Usage: usage.sh PATH/TO/ifzo
set -u
ifzo=$1
fail=0
check() { # check WHAT EXPECTED ACTUAL
    if [ "$2" != "$3" ]; then
        echo "FAIL: $1: expected $2, got $3"
        fail=1
    fi
}

help=$("$ifzo" --help); check "ifzo --help exit" 0 $?
commands=$(printf '%s\n' "$help" | sed -n 's/^  \([a-z-]*\) .*/\1/p')
check "commands listed" "serve migrate routes user token audit import seed-demo match msg version" \
    "$(echo $commands)"
for c in $commands; do
    out=$("$ifzo" "$c" --help 2>&1); rc=$?
    check "ifzo $c --help exit" 0 $rc
    case $out in
    *usage:\ ifzo\ $c*) ;;
    *) echo "FAIL: ifzo $c --help does not print its usage: $out"; fail=1 ;;
    esac
done

"$ifzo" >/dev/null 2>&1; check "ifzo (no command) exit" 2 $?
err=$("$ifzo" frobnicate 2>&1 >/dev/null); check "unknown command exit" 2 $?
case $err in
*"unknown command 'frobnicate'"*"commands:"*) ;;
*) echo "FAIL: unknown command message: $err"; fail=1 ;;
esac
v1=$("$ifzo" version); v2=$("$ifzo" --version)
check "--version equals version" "$v1" "$v2"
case $v1 in
"ifzo "[0-9]*" (schema "[0-9]*")") ;;
*) echo "FAIL: version output: $v1"; fail=1 ;;
esac
[ $fail -eq 0 ] && echo "cli usage: all checks passed"
exit $fail
