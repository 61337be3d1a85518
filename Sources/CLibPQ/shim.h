#ifndef KATCH_CLIBPQ_SHIM_H
#define KATCH_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
