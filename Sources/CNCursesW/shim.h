#ifndef BULKHEAD_CNCURSESW_SHIM_H
#define BULKHEAD_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

/* Macros Swift cannot see, wrapped as functions. */
static inline int bh_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int bh_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline attr_t bh_a_bold(void) { return A_BOLD; }
static inline attr_t bh_a_reverse(void) { return A_REVERSE; }
static inline attr_t bh_a_underline(void) { return A_UNDERLINE; }
static inline attr_t bh_a_dim(void) { return A_DIM; }
static inline attr_t bh_color_pair(int n) { return COLOR_PAIR(n); }
static inline WINDOW *bh_stdscr(void) { return stdscr; }
static inline int bh_colors(void) { return COLORS; }
static inline int bh_color_pairs(void) { return COLOR_PAIRS; }
static inline int bh_key_resize(void) { return KEY_RESIZE; }
#endif
