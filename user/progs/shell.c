/*
 * shell.c - the Pebbles shell: reads a line, runs the named program with
 * its arguments (fork + exec + wait) and reports how it ended.
 * Built-ins: exit [status], ls (the RAM disk, via readfile(".")).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>

#define LINE_MAX 256
#define MAX_ARGS 32

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

static void list_files(void)
{
    static char names[8192];
    int n = readfile(".", names, sizeof(names) - 2, 0);
    if (n < 0) {
        printf("ls: cannot read the directory (%d)\n", n);
        return;
    }
    names[n] = names[n + 1] = '\0';
    for (char *p = names; *p; p += strlen(p) + 1)
        printf("%s\n", p);
}

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
    int status;
    int got = wait(&status);
    while (got >= 0 && got != tid)
        got = wait(&status);
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
        int argc = split(line, argv);
        if (argc == 0)
            continue;
        if (strcmp(argv[0], "exit") == 0)
            exit(argc > 1 ? atoi(argv[1]) : 0);
        if (strcmp(argv[0], "ls") == 0)
            list_files();
        else
            run(argv);
    }
}
