/*
 * ramdisk.h - the read-only RAM disk: a cpio "newc" archive handed to the
 * kernel as a Multiboot module.  Files are looked up by name.  Immutable
 * after boot, so no lock.
 */
#ifndef FS_RAMDISK_H
#define FS_RAMDISK_H

#include <stddef.h>
#include <stdint.h>

struct rd_file {
    const char *name;
    const uint8_t *data;
    uint32_t size;
};

/* Index the archive at [start, end).  Returns the number of files. */
int ramdisk_init(uint32_t start, uint32_t end);
/* The file called name, or NULL.  "." is the directory listing: every name
 * followed by '\0', then one more '\0'. */
const struct rd_file *ramdisk_find(const char *name);

#endif
