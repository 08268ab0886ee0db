// Empty: SwiftPM needs a source file in a C target; the target only re-exports system declarations
// (csystem.h) such as malloc_trim.
#include "csystem.h"
