#!/bin/sh
# gensyms.sh ELF - print an assembly file holding the function symbols of ELF,
# sorted by address, for the in-kernel backtrace symbolizer
# (kern/lib/ksyms.c).  With /dev/null, prints an empty table.
set -e
echo '    .section .ksyms, "a"'
echo '    .globl ksyms_table, ksyms_count, ksyms_names'
echo '    .balign 4'
if [ "$1" = /dev/null ]; then
    echo 'ksyms_count: .long 0'
    echo 'ksyms_table:'
    echo 'ksyms_names: .byte 0'
    exit 0
fi
syms=$(nm -n --defined-only "$1" | awk '$2 ~ /^[tT]$/ { print $1, $3 }')
n=$(printf '%s\n' "$syms" | grep -c . || true)
echo "ksyms_count: .long $n"
echo 'ksyms_table:'
printf '%s\n' "$syms" | awk 'NF { printf "    .long 0x%s, .Lname%d\n", $1, NR }'
echo 'ksyms_names:'
printf '%s\n' "$syms" | awk 'NF { printf ".Lname%d: .asciz \"%s\"\n", NR, $2 }'
