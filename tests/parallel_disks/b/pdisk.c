/* pdisk.c - disk b of make/parallel_run_prog (see ../pdisk_body.h). */
#define MY_DISK    "b"
#define OTHER_DISK "a"
#include "../pdisk_body.h"
