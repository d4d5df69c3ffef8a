// What the SSH server needs to start a session's process on a pseudo-terminal, which Swift cannot
// reach on its own: glibc keeps POSIX_SPAWN_SETSID and posix_spawn_file_actions_addclosefrom_np
// behind _GNU_SOURCE (the Glibc module is built without it), and ioctl is variadic.
#ifndef BULKHEAD_CSPAWN_H
#define BULKHEAD_CSPAWN_H

#include <spawn.h>
#include <sys/ioctl.h>
#include <termios.h>

/// glibc's POSIX_SPAWN_SETSID (since 2.26): the child calls setsid() before its file actions, so
/// the pseudo-terminal it then opens becomes its controlling terminal. A stable ABI value.
#define BULKHEAD_POSIX_SPAWN_SETSID 0x80

/// glibc 2.34+: closes every descriptor from `from` up in the child, so none of the server's
/// sockets, database files or other sessions' terminals leak into a session's process.
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

/// Sets the window size of the terminal behind `fd` (the kernel then signals SIGWINCH to its foreground group).
static inline int bulkhead_set_window_size(int fd, unsigned short rows, unsigned short cols) {
    struct winsize size = { rows, cols, 0, 0 };
    return ioctl(fd, TIOCSWINSZ, &size);
}

#endif
