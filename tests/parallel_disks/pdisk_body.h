/*
 * pdisk_body.h - the program `pdisk` of tests/parallel_disks/a and .../b
 * (each pdisk.c defines MY_DISK and OTHER_DISK, then includes this).  It
 * proves which RAM disk it booted: readfile(".") must list only_<MY_DISK>
 * and not only_<OTHER_DISK>; it prints
 *     pdisk: on disk <MY_DISK>, only_<MY_DISK> present, no other
 * and END__SUCCESS.  make/parallel_run_prog runs both at once.
 */
#include <simics.h>
#include <string.h>
#include <syscall.h>

static int listed(const char *name)
{
    static char list[16384];
    int n = readfile(".", list, sizeof(list), 0);
    for (char *p = list; n > 0 && p < list + n && *p; p += strlen(p) + 1)
        if (strcmp(p, name) == 0)
            return 1;
    return 0;
}

int main(void)
{
    lprintf("(^_^)_pdisk START__TYPE_COMPLETE");
    if (!listed("only_" MY_DISK) || listed("only_" OTHER_DISK)) {
        lprintf("pdisk: built for disk %s but booted another RAM disk", MY_DISK);
        lprintf("(^_^)_pdisk END__FAIL");
        return 1;
    }
    lprintf("pdisk: on disk %s, only_%s present, no other", MY_DISK, MY_DISK);
    lprintf("(^_^)_pdisk END__SUCCESS");
    return 0;
}
