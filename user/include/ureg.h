/* ureg.h - ureg_t and SWEXN_CAUSE_* (SPEC §3, §4); see include/abi. */
#ifndef _UREG_H
#define _UREG_H
#include <abi/ureg.h>
#endif
