#include "raw_bench.h"
