/* Declarations only (include/CFuzzer.h); the driver itself comes from libFuzzer. */
#include "CFuzzer.h"
