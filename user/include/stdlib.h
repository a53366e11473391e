/* stdlib.h - exit, numbers, random numbers, memory (SPEC §4). */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#define RAND_MAX     0x7fffffff
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/* exit(s) = set_status(s) + vanish() */
void exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));
int atoi(const char *s);
long atol(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
int abs(int x);
long labs(long x);
int rand(void);
void srand(unsigned int seed);
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *));

#endif
