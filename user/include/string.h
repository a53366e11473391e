/* string.h - memory and string functions: the kernel's own implementation
 * (kern/lib/string.c) is compiled into the user library, so its header is
 * the one list of prototypes. */
#ifndef _STRING_H
#define _STRING_H
#include "../../kern/lib/string.h"
#endif
