/*
 * keyboard.c - PS/2 keyboard driver: scancode set 1 to ASCII.
 *
 * Make codes below 0x80 press a key, the same | 0x80 release it; 0xE0
 * prefixes an extended key: right ctrl is ctrl, the keypad's Enter and '/'
 * are Enter and '/' (Bochs's terminal GUI sends every Enter as the
 * keypad's), the others (arrows, ...) we swallow.
 * Shift (either) selects the shifted table; caps lock toggles on press and
 * affects letters only; ctrl+letter gives the control character.
 * State is touched only from the IRQ handler.
 *
 * keyboard_init sets the 8042 controller up itself rather than trusting
 * the firmware: keyboard interrupt on, keyboard clock on, translation to
 * set 1 on, mouse port off.  SeaBIOS leaves it so; qboot leaves the reset
 * state, where the keyboard speaks scancode set 2.  It also tells the
 * keyboard to scan: a BIOS does that, and a machine booted with none, as
 * v86 boots a Multiboot kernel, has a keyboard that sends nothing until
 * asked.
 */
#include "dev/keyboard.h"

#include <stdbool.h>
#include <stdint.h>

#include "arch/io.h"
#include "arch/irq.h"
#include "dev/input.h"

#define KBD_DATA   0x60
#define KBD_STATUS 0x64 /* read; writes to the port are controller commands */
#define KBD_CMD    0x64

#define KBD_STAT_OUT_FULL 0x01 /* a byte waits at KBD_DATA */
#define KBD_STAT_IN_FULL  0x02 /* the controller has not taken our last byte */
#define KBD_CCMD_READ     0x20 /* read the configuration byte */
#define KBD_CCMD_WRITE    0x60 /* write the configuration byte */
#define KBD_CCMD_KBD_ON   0xAE /* enable the keyboard port */
#define KBD_CMD_SCAN      0xF4 /* to the keyboard: enable scanning */
#define KBD_CFG_KBD_IRQ   0x01
#define KBD_CFG_AUX_IRQ   0x02
#define KBD_CFG_SYSTEM    0x04 /* "passed its self test" */
#define KBD_CFG_KBD_OFF   0x10
#define KBD_CFG_AUX_OFF   0x20
#define KBD_CFG_XLATE     0x40   /* translate to scancode set 1 */
#define KBD_SPIN          100000 /* a missing controller must not hang the boot */
#define SC_LSHIFT         0x2A
#define SC_RSHIFT         0x36
#define SC_CTRL           0x1D
#define SC_CAPS           0x3A
#define SC_ENTER          0x1C /* after SC_EXT: the keypad's Enter */
#define SC_SLASH          0x35 /* after SC_EXT: the keypad's '/' */
#define SC_EXT            0xE0
#define SC_RELEASE        0x80

/* clang-format off: laid out 16 scancodes a row */
static const char plain[0x3A] = {
    0,    27,  '1', '2',  '3', '4', '5', '6', '7',  '8', '9', '0', '-', '=', '\b', '\t', 'q', 'w', 'e', 'r',
    't',  'y', 'u', 'i',  'o', 'p', '[', ']', '\n', 0,   'a', 's', 'd', 'f', 'g',  'h',  'j', 'k', 'l', ';',
    '\'', '`', 0,   '\\', 'z', 'x', 'c', 'v', 'b',  'n', 'm', ',', '.', '/', 0,    '*',  0,   ' ',
};
static const char shifted[0x3A] = {
    0,   27,  '!', '@', '#', '$', '%', '^', '&',  '*', '(', ')', '_', '+', '\b', '\t', 'Q', 'W', 'E', 'R',
    'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\n', 0,   'A', 'S', 'D', 'F', 'G',  'H',  'J', 'K', 'L', ':',
    '"', '~', 0,   '|', 'Z', 'X', 'C', 'V', 'B',  'N', 'M', '<', '>', '?', 0,    '*',  0,   ' ',
};
/* clang-format on */

static bool lshift, rshift, ctrl, caps, extended;

static bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int keyboard_translate(uint8_t sc)
{
    if (sc == SC_EXT) {
        extended = true;
        return -1;
    }
    bool release = sc & SC_RELEASE;
    uint8_t key = sc & ~SC_RELEASE;
    if (extended) {
        extended = false;
        if (key == SC_CTRL)
            ctrl = !release;
        if (release || (key != SC_ENTER && key != SC_SLASH))
            return -1;
        return plain[key]; /* the keys they duplicate, unshifted */
    }
    switch (key) {
    case SC_LSHIFT: lshift = !release; return -1;
    case SC_RSHIFT: rshift = !release; return -1;
    case SC_CTRL: ctrl = !release; return -1;
    case SC_CAPS:
        if (!release)
            caps = !caps;
        return -1;
    }
    if (release || key >= sizeof(plain))
        return -1;
    bool shift = lshift || rshift;
    char c = shift ? shifted[key] : plain[key];
    if (!c)
        return -1;
    if (caps && is_letter(c))
        c = shift ? plain[key] : shifted[key];
    if (ctrl && is_letter(c))
        c = (char)(c & 0x1F);
    return (unsigned char)c;
}

static void keyboard_irq(void)
{
    /* An IRQ latched while controller_init talked to the controller finds
     * nothing new: the data port would only repeat its last byte. */
    if (!(inb(KBD_STATUS) & KBD_STAT_OUT_FULL))
        return;
    int c = keyboard_translate(inb(KBD_DATA));
    if (c >= 0)
        input_put((char)c);
}

static void kbd_wait_writable(void)
{
    for (int i = 0; i < KBD_SPIN && (inb(KBD_STATUS) & KBD_STAT_IN_FULL); i++)
        ;
}

static int kbd_read_byte(void)
{
    for (int i = 0; i < KBD_SPIN; i++)
        if (inb(KBD_STATUS) & KBD_STAT_OUT_FULL)
            return inb(KBD_DATA);
    return -1;
}

static void kbd_command(uint8_t cmd)
{
    kbd_wait_writable();
    outb(KBD_CMD, cmd);
}

/* Interrupts off (boot): the controller as keyboard_irq expects it. */
static void controller_init(void)
{
    while (inb(KBD_STATUS) & KBD_STAT_OUT_FULL) /* drain anything pending from the firmware */
        (void)inb(KBD_DATA);
    kbd_command(KBD_CCMD_READ);
    int cfg = kbd_read_byte();
    if (cfg < 0)
        return; /* no controller answers */
    cfg &= ~(KBD_CFG_KBD_OFF | KBD_CFG_AUX_IRQ);
    cfg |= KBD_CFG_KBD_IRQ | KBD_CFG_SYSTEM | KBD_CFG_AUX_OFF | KBD_CFG_XLATE;
    kbd_command(KBD_CCMD_WRITE);
    kbd_wait_writable();
    outb(KBD_DATA, (uint8_t)cfg);
    kbd_command(KBD_CCMD_KBD_ON);
}

/* Enable scanning, and take the keyboard's ACK before the IRQ is on so
 * it never reaches the scancode path.  Polled with IRQ 1 still masked. */
static void keyboard_enable_scanning(void)
{
    kbd_wait_writable();
    outb(KBD_DATA, KBD_CMD_SCAN);
    (void)kbd_read_byte(); /* the ACK, 0xFA */
}

void keyboard_init(void)
{
    controller_init();
    keyboard_enable_scanning();
    irq_register(IRQ_KEYBOARD, keyboard_irq);
}
