#ifndef SHUNIU_CRDKAFKA_SHIM_H
#define SHUNIU_CRDKAFKA_SHIM_H
#include <librdkafka/rdkafka.h>
#endif
