// In the fuzz build (-Xcc -DTIQU_FUZZING), SwiftPM names the executable's entry tiqu_fuzz_main; this hands
// it to libFuzzer's driver with the Swift target's LLVMFuzzerTestOneInput. In a normal build it is empty
// and the Swift replayer (@main) is the entry.
#include "fuzzmain.h"
#ifdef TIQU_FUZZING
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int tiqu_fuzz_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }
#endif
