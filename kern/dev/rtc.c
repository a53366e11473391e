/*
 * rtc.c - CMOS RTC seconds.  Reads wait for "update in progress" to clear
 * and repeat until two reads agree; BCD is decoded unless the status
 * register says binary.
 */
#include "dev/rtc.h"

#include <stdint.h>

#include "arch/io.h"

#define CMOS_ADDR    0x70
#define CMOS_DATA    0x71
#define RTC_SECONDS  0x00
#define RTC_STATUS_A 0x0A
#define RTC_STATUS_B 0x0B

static uint8_t cmos_read(uint8_t reg)
{
    outb(CMOS_ADDR, reg);
    return inb(CMOS_DATA);
}

static uint8_t read_once(void)
{
    while (cmos_read(RTC_STATUS_A) & 0x80)
        ;
    return cmos_read(RTC_SECONDS);
}

int rtc_seconds(void)
{
    uint8_t a, b;
    do {
        a = read_once();
        b = read_once();
    } while (a != b);
    if (!(cmos_read(RTC_STATUS_B) & 0x04))
        a = (uint8_t)((a >> 4) * 10 + (a & 0x0F));
    return a;
}
