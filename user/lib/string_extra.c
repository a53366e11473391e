/*
 * string_extra.c - the <string.h> functions only user programs need
 * (strdup allocates; strtok keeps state), beside the shared ones in
 * lib/string.c.  strtok's state is one static pointer, as in C: not
 * for use by two threads at once.
 */
#include <malloc.h>
#include <string.h>

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

void *memchr(const void *p, int c, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        if (s[i] == (unsigned char)c)
            return (void *)(s + i);
    return NULL;
}

/* Length of the prefix of s made of bytes in (accept) or not in (reject)
 * set. */
static size_t span(const char *s, const char *set, int accept)
{
    size_t n = 0;
    while (s[n] && (strchr(set, s[n]) != NULL) == accept)
        n++;
    return n;
}

size_t strspn(const char *s, const char *accept) { return span(s, accept, 1); }
size_t strcspn(const char *s, const char *reject) { return span(s, reject, 0); }

char *strpbrk(const char *s, const char *set)
{
    s += strcspn(s, set);
    return *s ? (char *)s : NULL;
}

char *strtok(char *s, const char *delim)
{
    static char *next;
    if (!s)
        s = next;
    if (!s)
        return NULL;
    s += strspn(s, delim);
    if (!*s) {
        next = NULL;
        return NULL;
    }
    char *end = s + strcspn(s, delim);
    next = *end ? end + 1 : NULL;
    *end = '\0';
    return s;
}
