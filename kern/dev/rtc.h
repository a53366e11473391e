/*
 * rtc.h - the CMOS real-time clock, read for its seconds: an independent
 * clock for testing the timer.
 */
#ifndef DEV_RTC_H
#define DEV_RTC_H

/* Current RTC seconds (0-59), read consistently (not mid-update). */
int rtc_seconds(void);

#endif
