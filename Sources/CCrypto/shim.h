#ifndef SHUNIU_CCRYPTO_SHIM_H
#define SHUNIU_CCRYPTO_SHIM_H
#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>

/* HMAC-SHA-256 in one call; `out` must hold 32 bytes. Returns 1 on success. */
static inline int shuniu_hmac_sha256(const void *key, int key_len, const unsigned char *data,
                                     size_t data_len, unsigned char *out) {
    unsigned int out_len = 0;
    return HMAC(EVP_sha256(), key, key_len, data, data_len, out, &out_len) != NULL && out_len == 32;
}
#endif
