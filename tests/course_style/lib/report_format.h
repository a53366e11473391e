/* report_format.h - the SPEC §5 line shapes (private to lib/report.c). */
#ifndef CS_REPORT_FORMAT_H
#define CS_REPORT_FORMAT_H

#define REPORT_PREFIX "(^_^)_"
#define REPORT_START  " START__TYPE_"
#define REPORT_END    " END__"

#endif
