/*
 * LD_PRELOAD shim: keep a program's listening sockets on loopback.
 *
 * ESPHome's host: build binds its API and OTA servers to every interface and
 * has no setting for that. Loaded with LD_PRELOAD, this bind() rewrites a
 * wildcard address to loopback before calling the real bind():
 *   0.0.0.0           -> 127.0.0.1
 *   ::  (IPV6_V6ONLY) -> ::1
 *   ::  (dual stack)  -> ::ffff:127.0.0.1, so 127.0.0.1 still reaches it
 * Any other address passes through unchanged. Built by devtools/host_device.py.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

typedef int (*bind_fn)(int, const struct sockaddr *, socklen_t);

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
  static bind_fn real_bind;
  if (real_bind == NULL) {
    real_bind = (bind_fn)dlsym(RTLD_NEXT, "bind");
    if (real_bind == NULL) {
      errno = ENOSYS;
      return -1;
    }
  }
  if (addr != NULL && addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
    struct sockaddr_in in4;
    memcpy(&in4, addr, sizeof(in4));
    if (in4.sin_addr.s_addr == htonl(INADDR_ANY)) {
      in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      return real_bind(fd, (const struct sockaddr *)&in4, sizeof(in4));
    }
  } else if (addr != NULL && addr->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
    struct sockaddr_in6 in6;
    memcpy(&in6, addr, sizeof(in6));
    if (IN6_IS_ADDR_UNSPECIFIED(&in6.sin6_addr)) {
      int v6only = 0;
      socklen_t optlen = sizeof(v6only);
      if (getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &optlen) == 0 && v6only) {
        in6.sin6_addr = in6addr_loopback;
      } else {
        static const unsigned char mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};
        memcpy(&in6.sin6_addr, mapped, sizeof(mapped));
      }
      return real_bind(fd, (const struct sockaddr *)&in6, sizeof(in6));
    }
  }
  return real_bind(fd, addr, len);
}
