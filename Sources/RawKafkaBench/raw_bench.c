#include "raw_bench.h"
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int set(rd_kafka_conf_t *conf, const char *key, const char *value, shuniu_raw_result *out) {
    if (rd_kafka_conf_set(conf, key, value, out->error, sizeof(out->error)) != RD_KAFKA_CONF_OK) return -1;
    return 0;
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *msg, void *opaque) {
    (void)rk;
    shuniu_raw_result *out = (shuniu_raw_result *)opaque;
    if (msg->err) out->failed++; else out->messages++;
}

int shuniu_raw_produce(const char *brokers, const char *topic, long long count, int size,
                       shuniu_raw_result *out) {
    memset(out, 0, sizeof(*out));
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (set(conf, "bootstrap.servers", brokers, out) || set(conf, "acks", "all", out) ||
        set(conf, "enable.idempotence", "true", out) || set(conf, "linger.ms", "5", out) ||
        set(conf, "queue.buffering.max.messages", "200000", out)) {
        rd_kafka_conf_destroy(conf);
        return -1;
    }
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_conf_set_opaque(conf, out);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, out->error, sizeof(out->error));
    if (!rk) return -1;
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    char *payload = malloc((size_t)size);
    memset(payload, 'x', (size_t)size);
    double start = now_seconds();
    for (long long i = 0; i < count; i++) {
        while (rd_kafka_produce(rkt, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, payload, (size_t)size,
                                NULL, 0, NULL) == -1) {
            if (rd_kafka_last_error() != RD_KAFKA_RESP_ERR__QUEUE_FULL) { out->failed++; break; }
            rd_kafka_poll(rk, 5);
        }
        rd_kafka_poll(rk, 0);
    }
    rd_kafka_flush(rk, 60000);
    out->seconds = now_seconds() - start;
    free(payload);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);
    return out->failed == 0 ? 0 : -1;
}

int shuniu_raw_consume(const char *brokers, const char *topic, int partitions, long long count,
                       shuniu_raw_result *out) {
    memset(out, 0, sizeof(*out));
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (set(conf, "bootstrap.servers", brokers, out) || set(conf, "group.id", "shuniu-raw-bench", out) ||
        set(conf, "enable.auto.commit", "false", out)) {
        rd_kafka_conf_destroy(conf);
        return -1;
    }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, out->error, sizeof(out->error));
    if (!rk) return -1;
    rd_kafka_poll_set_consumer(rk);
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; p++)
        rd_kafka_topic_partition_list_add(list, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(rk, list);
    rd_kafka_topic_partition_list_destroy(list);
    double start = 0, deadline = now_seconds() + 120;
    while (out->messages < count && now_seconds() < deadline) {
        rd_kafka_message_t *msg = rd_kafka_consumer_poll(rk, 100);
        if (!msg) continue;
        if (!msg->err) {
            if (out->messages == 0) start = now_seconds();
            out->messages++;
        }
        rd_kafka_message_destroy(msg);
    }
    out->seconds = now_seconds() - start;
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    if (out->messages < count) {
        snprintf(out->error, sizeof(out->error), "read %lld of %lld records in 120 s", out->messages, count);
        return -1;
    }
    return 0;
}
