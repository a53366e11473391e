/*
 * shell.c - the Pebbles shell: reads a line, runs the named program with
 * its arguments (fork + exec + wait) and reports how it ended.
 *
 * Built-ins (the table `builtins` below): help, ls, exit [status].  help
 * and ls read the RAM disk's index, programs.txt (tools/mkindex.sh), which
 * says which files are programs - with each one's usage, the one that
 * answers its -h - and which are test programs.
 *
 * While a program runs, the shell names it as the foreground task
 * (set_foreground, <pebbles_ext.h>), so Ctrl-C kills it (and its children)
 * with status -2 and the shell comes back.  Typed while no program runs,
 * Ctrl-C cancels what came before it on the line.
 */
#include <abi/console.h>
#include <pebbles_ext.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <usage.h>

PROGRAM_USAGE("", "the shell: runs programs; type help for the list");

#define LINE_MAX   256
#define MAX_ARGS   32
#define CTRL_C     0x03
#define INDEX_FILE "programs.txt"

static int split(char *line, char **argv)
{
    int argc = 0;
    char *p = line;
    while (*p && argc < MAX_ARGS) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            *p++ = '\0';
        if (!*p)
            break;
        argv[argc++] = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
    }
    argv[argc] = NULL;
    return argc;
}

/* ---------------------------------------------------------------- the index */

#define INDEX_MAX 8192
#define NAMES_MAX 8192

/* One entry of programs.txt: kind 'p' (program: args, what) or 't' (test). */
struct entry {
    char kind;
    const char *name, *args, *what;
};

static char index_text[INDEX_MAX];
static struct entry entries[256];
static int nentries;

/* Cut s at the next tab; the rest after it ("" if none). */
static char *field(char *s)
{
    char *tab = strchr(s, '\t');
    if (!tab)
        return s + strlen(s);
    *tab = '\0';
    return tab + 1;
}

/* Read programs.txt once; each line "kind<TAB>name[<TAB>args<TAB>what]". */
static void load_index(void)
{
    if (nentries)
        return;
    int n = readfile(INDEX_FILE, index_text, sizeof(index_text) - 1, 0);
    index_text[n > 0 ? n : 0] = '\0';
    for (char *line = index_text; *line && nentries < (int)(sizeof(entries) / sizeof(entries[0]));) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        struct entry *e = &entries[nentries++];
        e->kind = line[0];
        e->name = field(line);
        e->args = field((char *)e->name);
        e->what = field((char *)e->args);
        field((char *)e->what);
        line = next ? next : line + strlen(line);
    }
}

static const struct entry *find_entry(const char *name)
{
    for (int i = 0; i < nentries; i++)
        if (strcmp(entries[i].name, name) == 0)
            return &entries[i];
    return NULL;
}

/* ---------------------------------------------------------------- built-ins */

/* Names in columns across the screen, under a heading. */
static void columns(const char *heading, const char **names, int n)
{
    if (n == 0)
        return;
    int width = 0;
    for (int i = 0; i < n; i++)
        if ((int)strlen(names[i]) > width)
            width = (int)strlen(names[i]);
    width += 2;
    int per_row = (CONSOLE_WIDTH - 1) / width > 0 ? (CONSOLE_WIDTH - 1) / width : 1;
    printf("%s\n", heading);
    for (int i = 0; i < n; i++) {
        bool last = (i + 1) % per_row == 0 || i + 1 == n;
        printf("  %-*s", last ? 0 : width - 2, names[i]);
        if (last)
            printf("\n");
    }
}

/* ls: the RAM disk grouped as programs, other files, then test programs. */
static void builtin_ls(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    static char names[NAMES_MAX];
    static const char *group[3][256];
    int count[3] = {0, 0, 0};
    int n = readfile(".", names, sizeof(names) - 2, 0);
    if (n < 0) {
        printf("ls: cannot read the directory (%d)\n", n);
        return;
    }
    names[n] = names[n + 1] = '\0';
    load_index();
    for (char *p = names; *p; p += strlen(p) + 1) {
        const struct entry *e = find_entry(p);
        int g = !e ? 1 : e->kind == 'p' ? 0 : 2;
        if (count[g] < 256)
            group[g][count[g]++] = p;
    }
    columns("Programs (help describes them):", group[0], count[0]);
    columns("Files:", group[1], count[1]);
    columns("Test programs (user/tests; docs/testing.md):", group[2], count[2]);
}

static void builtin_help(int argc, char **argv);

static void builtin_exit(int argc, char **argv) { exit(argc > 1 ? atoi(argv[1]) : 0); }

static const struct builtin {
    const char *name, *args, *what;
    void (*run)(int argc, char **argv);
} builtins[] = {
    {"help", "", "this list", builtin_help},
    {"ls", "", "the files of the RAM disk: programs, files, tests", builtin_ls},
    {"exit", "[STATUS]", "leave the shell (init starts a new one)", builtin_exit},
};
#define NBUILTINS ((int)(sizeof(builtins) / sizeof(builtins[0])))

static void help_line(const char *name, const char *args, const char *what)
{
    char both[40];
    snprintf(both, sizeof(both), "%s%s%s", name, args[0] ? " " : "", args);
    printf("  %-22s %s\n", both, what);
}

static void builtin_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("Built-in commands:\n");
    for (int i = 0; i < NBUILTINS; i++)
        help_line(builtins[i].name, builtins[i].args, builtins[i].what);
    load_index();
    printf("Programs (PROGRAM -h shows its usage):\n");
    int tests = 0;
    for (int i = 0; i < nentries; i++) {
        if (entries[i].kind == 'p')
            help_line(entries[i].name, entries[i].args, entries[i].what);
        else
            tests++;
    }
    printf("Ctrl-C ends the running program.  ls also lists %d test programs.\n", tests);
}

static const struct builtin *find_builtin(const char *name)
{
    for (int i = 0; i < NBUILTINS; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return &builtins[i];
    return NULL;
}

/* ---------------------------------------------------------------- programs */

static void run(char **argv)
{
    int tid = fork();
    if (tid < 0) {
        printf("shell: fork failed (%d)\n", tid);
        return;
    }
    if (tid == 0) {
        int r = exec(argv[0], argv);
        printf("shell: cannot run %s (error %d)\n", argv[0], r);
        exit(-1);
    }
    set_foreground(tid); /* fails only if it has ended already */
    int status;
    int got = wait(&status);
    while (got >= 0 && got != tid)
        got = wait(&status);
    set_foreground(0);
    set_term_color(CONSOLE_DEFAULT_COLOR); /* whatever colour it left */
    printf("[%d] exited with status %d\n", tid, status);
}

int main(void)
{
    char line[LINE_MAX];
    char *argv[MAX_ARGS + 1];
    for (;;) {
        printf("pebbles> ");
        int n = readline(sizeof(line) - 1, line);
        if (n <= 0)
            continue;
        line[n] = '\0';
        /* Ctrl-C with no program running reaches us as a byte: it
         * cancels what was typed before it. */
        char *cmd = strrchr(line, CTRL_C);
        cmd = cmd ? cmd + 1 : line;
        int argc = split(cmd, argv);
        if (argc == 0)
            continue;
        const struct builtin *b = find_builtin(argv[0]);
        if (b)
            b->run(argc, argv);
        else
            run(argv);
    }
}
