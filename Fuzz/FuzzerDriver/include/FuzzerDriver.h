// libFuzzer's driver, so that a SwiftPM executable (whose `main` SwiftPM renames) can hand control
// to libFuzzer from its own entry point.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
