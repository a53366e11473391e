/*
 * console.h - console constants shared by the kernel and user space:
 * colours (SPEC §3 "Console") and the screen size.
 */
#ifndef ABI_CONSOLE_H
#define ABI_CONSOLE_H

#define CONSOLE_HEIGHT 25
#define CONSOLE_WIDTH  80

#define FGND_BLACK  0x0
#define FGND_BLUE   0x1
#define FGND_GREEN  0x2
#define FGND_CYAN   0x3
#define FGND_RED    0x4
#define FGND_MAG    0x5
#define FGND_BRWN   0x6
#define FGND_LGRAY  0x7
#define FGND_DGRAY  0x8
#define FGND_BBLUE  0x9
#define FGND_BGREEN 0xA
#define FGND_BCYAN  0xB
#define FGND_PINK   0xC
#define FGND_BMAG   0xD
#define FGND_YLLW   0xE
#define FGND_WHITE  0xF

#define BGND_BLACK 0x00
#define BGND_BLUE  0x10
#define BGND_GREEN 0x20
#define BGND_CYAN  0x30
#define BGND_RED   0x40
#define BGND_MAG   0x50
#define BGND_BRWN  0x60
#define BGND_LGRAY 0x70

/* The colour the screen starts in (and the shell returns to after each program). */
#define CONSOLE_DEFAULT_COLOR (FGND_LGRAY | BGND_BLACK)

/* print() refuses sizes above this (SPEC §3: "size beyond a documented bound"). */
#define CONSOLE_PRINT_MAX 65536

#endif
