#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

/* accept4 is declared by glibc only under _GNU_SOURCE, which Swift's Glibc module does not set. */
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
