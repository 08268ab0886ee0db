#ifndef TIQU_CPCRE2_SHIM_H
#define TIQU_CPCRE2_SHIM_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// Macros that Swift cannot import as constants.
static inline size_t tiqu_pcre2_unset(void) { return PCRE2_UNSET; }
#endif
