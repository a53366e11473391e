/* pdisk.c - disk a of make/parallel_run_prog (see ../pdisk_body.h). */
#define MY_DISK    "a"
#define OTHER_DISK "b"
#include "../pdisk_body.h"
