/* string.h - memory and string functions: the implementation shared with
 * the kernel (lib/string.c) is compiled into the user library, so its header is
 * the one list of those prototypes; the few only programs need follow
 * (user/lib/string_extra.c). */
#ifndef _STRING_H
#define _STRING_H
#include "../../lib/string.h"

char *strdup(const char *s);
void *memchr(const void *p, int c, size_t n);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *set);
char *strtok(char *s, const char *delim);

#endif
