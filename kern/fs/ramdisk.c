/*
 * ramdisk.c - indexing a cpio "newc" archive (what `cpio -H newc` writes):
 * each member is a 110-byte ASCII header ("070701", then 13 eight-digit
 * hex fields), the name (NUL-terminated), padding to 4 bytes, the data,
 * padding to 4 bytes; "TRAILER!!!" ends the archive.  Only regular files
 * are kept.  The archive is trusted less than nothing: every length is
 * checked against its end.
 */
#include "fs/ramdisk.h"

#include "lib/assert.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/kmalloc.h"

#define HDR_LEN 110
#define S_IFMT  0170000
#define S_IFREG 0100000

static struct rd_file *files;
static int nfiles;
static struct rd_file listing = {".", NULL, 0};

static int hex8(const char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 8; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return 0;
}

static uint32_t align4(uint32_t x) { return (x + 3) & ~3u; }

/* Walk the archive; with out != NULL record the files.  Returns the count
 * of regular files, or -1 if the archive is malformed. */
static int walk(uint32_t start, uint32_t end, struct rd_file *out)
{
    int n = 0;
    uint32_t p = start;
    while (p + HDR_LEN <= end) {
        const char *h = (const char *)p;
        uint32_t mode, filesize, namesize;
        if (memcmp(h, "070701", 6) != 0 || hex8(h + 14, &mode) || hex8(h + 54, &filesize) ||
            hex8(h + 94, &namesize))
            return -1;
        const char *name = h + HDR_LEN;
        uint32_t data = align4(p + HDR_LEN + namesize);
        if (namesize == 0 || data > end || name[namesize - 1] != '\0' || filesize > end - data)
            return -1;
        if (strcmp(name, "TRAILER!!!") == 0)
            return n;
        if ((mode & S_IFMT) == S_IFREG && strcmp(name, ".") != 0) {
            if (out)
                out[n] = (struct rd_file){name, (const uint8_t *)data, filesize};
            n++;
        }
        p = align4(data + filesize);
    }
    return -1;
}

static void build_listing(void)
{
    uint32_t len = 1;
    for (int i = 0; i < nfiles; i++)
        len += strlen(files[i].name) + 1;
    char *buf = kmalloc(len);
    assert(buf);
    char *q = buf;
    for (int i = 0; i < nfiles; i++) {
        size_t l = strlen(files[i].name) + 1;
        memcpy(q, files[i].name, l);
        q += l;
    }
    *q = '\0';
    listing.data = (const uint8_t *)buf;
    listing.size = len;
}

int ramdisk_init(uint32_t start, uint32_t end)
{
    int n = start == end ? 0 : walk(start, end, NULL);
    if (n < 0) {
        printf("ramdisk: malformed archive; no files\n");
        n = 0;
    }
    files = kmalloc((n ? n : 1) * sizeof(*files));
    assert(files);
    if (n)
        walk(start, end, files);
    nfiles = n;
    build_listing();
    return n;
}

const struct rd_file *ramdisk_find(const char *name)
{
    if (strcmp(name, ".") == 0)
        return &listing;
    for (int i = 0; i < nfiles; i++)
        if (strcmp(files[i].name, name) == 0)
            return &files[i];
    return NULL;
}
