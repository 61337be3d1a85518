#ifndef KATCH_CCMARK_SHIM_H
#define KATCH_CCMARK_SHIM_H
#include <cmark.h>
#endif
