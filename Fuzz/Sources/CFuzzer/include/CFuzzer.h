#ifndef SHUNIU_CFUZZER_H
#define SHUNIU_CFUZZER_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer): runs the fuzzing loop with
 * `callback` as the target, taking libFuzzer's usual command-line flags from argc/argv. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
