#ifndef KATCH_CMIMALLOC_SHIM_H
#define KATCH_CMIMALLOC_SHIM_H
#include <mimalloc.h>
#endif
