/*
 * string.h - memory and string functions, freestanding, with the standard
 * names and prototypes.  Compiled unchanged into the kernel and into the
 * user C library (user/include/string.h includes this header).
 *
 * No state, so no locking.  Like the C library, nothing here checks for
 * NULL or for overlap where the standard forbids it (only memmove accepts
 * overlapping buffers); the non-standard strlcpy is the BSD one.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
/* Like memcpy, but dst and src may overlap. */
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
/* Compares as unsigned char; only the sign of the result means anything. */
int memcmp(const void *a, const void *b, size_t n);

size_t strlen(const char *s);
/* strlen, but looks at no more than max bytes. */
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

char *strcpy(char *dst, const char *src);
/* Exactly n bytes written: src, then NULs; NOT terminated if src is long. */
char *strncpy(char *dst, const char *src, size_t n);
/* Copies at most size-1 bytes and always terminates (if size > 0).
 * Returns strlen(src): a result >= size means the copy was truncated. */
size_t strlcpy(char *dst, const char *src, size_t size);
char *strcat(char *dst, const char *src);
/* Appends at most n bytes of src, then a NUL (so up to n+1 bytes). */
char *strncat(char *dst, const char *src, size_t n);

/* First/last occurrence of (char)c; c == 0 finds the terminator. */
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/* First occurrence of needle; an empty needle matches at haystack. */
char *strstr(const char *haystack, const char *needle);

#endif
