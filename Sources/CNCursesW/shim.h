#ifndef BULKHEAD_CNCURSESW_SHIM_H
#define BULKHEAD_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Macros Swift cannot see, wrapped as functions. */
static inline int bh_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int bh_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline attr_t bh_a_bold(void) { return A_BOLD; }
static inline attr_t bh_a_reverse(void) { return A_REVERSE; }
static inline attr_t bh_a_underline(void) { return A_UNDERLINE; }
static inline attr_t bh_a_dim(void) { return A_DIM; }
static inline attr_t bh_a_normal(void) { return A_NORMAL; }
static inline attr_t bh_color_pair(int n) { return COLOR_PAIR(n); }
static inline WINDOW *bh_stdscr(void) { return stdscr; }
static inline int bh_colors(void) { return COLORS; }
static inline int bh_color_pairs(void) { return COLOR_PAIRS; }
static inline int bh_key_resize(void) { return KEY_RESIZE; }

/* Key codes (function-like or version-dependent macros). */
static inline int bh_key_code_yes(void) { return KEY_CODE_YES; }
static inline int bh_key_up(void) { return KEY_UP; }
static inline int bh_key_down(void) { return KEY_DOWN; }
static inline int bh_key_left(void) { return KEY_LEFT; }
static inline int bh_key_right(void) { return KEY_RIGHT; }
static inline int bh_key_home(void) { return KEY_HOME; }
static inline int bh_key_end(void) { return KEY_END; }
static inline int bh_key_npage(void) { return KEY_NPAGE; }
static inline int bh_key_ppage(void) { return KEY_PPAGE; }
static inline int bh_key_backspace(void) { return KEY_BACKSPACE; }
static inline int bh_key_dc(void) { return KEY_DC; }
static inline int bh_key_btab(void) { return KEY_BTAB; }
static inline int bh_key_enter(void) { return KEY_ENTER; }
static inline int bh_key_mouse(void) { return KEY_MOUSE; }
static inline int bh_key_f(int n) { return KEY_F(n); }

/* Starts curses on stdin/stdout; NULL (instead of initscr's exit) when the terminal type is unknown. */
static inline SCREEN *bh_newterm(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen != NULL) set_term(screen);
    return screen;
}

/* Reads one key or character; returns OK, KEY_CODE_YES or ERR (timeout). */
static inline int bh_get_wch(wint_t *ch) { return get_wch(ch); }

/* Mouse. */
static inline mmask_t bh_mouse_mask(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
#else
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED;
#endif
}
/* Reads the pending mouse event: 1 click, 2 wheel up, 3 wheel down, 0 other, -1 none. */
static inline int bh_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x; *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 3;
#endif
    return 0;
}

/* Draws one cell: a spacing character plus up to four combining ones, with an extended pair. */
static inline int bh_put_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    int extended = pair;
    if (setcchar(&cell, text, attrs, 0, &extended) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}
#endif
