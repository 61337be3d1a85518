#ifndef KATCH_CLIBPQ_SHIM_H
#define KATCH_CLIBPQ_SHIM_H
// Debian's libpq-dev puts the headers in /usr/include/postgresql; naming the folder here spares the
// pkg-config lookup, which would also add `-lpq` to the link. libpq-fe.h includes its neighbours
// with quotes, so they are found beside it.
#include <postgresql/libpq-fe.h>
#endif
