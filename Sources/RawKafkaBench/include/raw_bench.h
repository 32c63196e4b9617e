#ifndef SHUNIU_RAW_BENCH_H
#define SHUNIU_RAW_BENCH_H
/* The raw librdkafka baseline of `shuniu bench kafka`: the same work as the Swift layer,
 * driven directly from C, so the ratio of the two shows what the wrapper costs. */

typedef struct {
    double seconds;          /* wall time of the measured loop */
    long long messages;      /* messages produced (acknowledged) or consumed */
    long long failed;        /* delivery failures */
    char error[256];         /* set when the run could not be done */
} shuniu_raw_result;

/* Produces `count` records of `size` bytes (no key, no headers) to `topic` with acks=all,
 * idempotence and linger.ms=5, and waits for every delivery report. Returns 0 on success. */
int shuniu_raw_produce(const char *brokers, const char *topic, long long count, int size,
                       shuniu_raw_result *out);

/* Reads `count` records from the beginning of partitions 0..partitions-1 of `topic`.
 * Returns 0 on success. */
int shuniu_raw_consume(const char *brokers, const char *topic, int partitions, long long count,
                       shuniu_raw_result *out);
#endif
