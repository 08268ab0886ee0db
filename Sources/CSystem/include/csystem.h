// C library calls Swift's Glibc module does not expose. No code here: declarations from system headers.
#pragma once
#if defined(__linux__)
#include <malloc.h>
#endif
