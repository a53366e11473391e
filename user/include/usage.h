/*
 * usage.h - a program's usage, stated once (a Pebbles-x86 convention, not
 * part of the Pebbles interface).
 *
 *     PROGRAM_USAGE("FILE...", "print files of the RAM disk");
 *
 * at file scope, on one line, in a program of user/progs/ (each must have
 * it).  crt0 then answers `<prog> -h` with
 *     usage: <prog> FILE...
 *       print files of the RAM disk
 * and exit status 0, before main runs; and the build copies the line into
 * the RAM disk's index (tools/mkindex.sh), from which the shell's `help`
 * and `ls` list the programs.  So the two strings are plain literals
 * without quotes or escapes inside.  Test programs get a shared one from
 * user/tests/test.h.
 */
#ifndef _USAGE_H
#define _USAGE_H

struct program_usage {
    const char *args; /* what follows the program's name: "FILE...", or "" */
    const char *what; /* one line: what it does */
};

#define PROGRAM_USAGE(args, what) const struct program_usage program_usage = {args, what}

/* Print the usage line(s) for program `name` (crt0 does it for -h). */
void usage_print(const char *name);

#endif
