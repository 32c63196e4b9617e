#ifndef SHUNIU_CCRYPTO_SHIM_H
#define SHUNIU_CCRYPTO_SHIM_H
/* The SHA256_CTX functions are deprecated in OpenSSL 3 in favour of EVP, whose per-call
   lookups cost more than the hash of a short message: the precomputed HMAC below needs the
   plain context (a struct copy per message). */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <string.h>

/* HMAC-SHA-256 in one call; `out` must hold 32 bytes. Returns 1 on success. */
static inline int shuniu_hmac_sha256(const void *key, int key_len, const unsigned char *data,
                                     size_t data_len, unsigned char *out) {
    unsigned int out_len = 0;
    return HMAC(EVP_sha256(), key, key_len, data, data_len, out, &out_len) != NULL && out_len == 32;
}

/* An HMAC-SHA-256 key with its inner and outer pads already hashed (RFC 2104): a message's
   MAC then costs two context copies and the hash of the message plus one block. */
typedef struct {
    SHA256_CTX inner;
    SHA256_CTX outer;
} shuniu_hmac_key;

static inline void shuniu_hmac_key_init(shuniu_hmac_key *k, const unsigned char *key, size_t key_len) {
    unsigned char block[64];
    unsigned char pad[64];
    memset(block, 0, sizeof block);
    if (key_len > 64) {
        SHA256(key, key_len, block);
    } else if (key_len > 0) {
        memcpy(block, key, key_len);
    }
    for (int i = 0; i < 64; i++) pad[i] = block[i] ^ 0x36;
    SHA256_Init(&k->inner);
    SHA256_Update(&k->inner, pad, 64);
    for (int i = 0; i < 64; i++) pad[i] = block[i] ^ 0x5c;
    SHA256_Init(&k->outer);
    SHA256_Update(&k->outer, pad, 64);
}

/* `out` (32 bytes) = HMAC-SHA-256 under `k` of `data`. */
static inline void shuniu_hmac_key_mac(const shuniu_hmac_key *k, const unsigned char *data, size_t data_len,
                                       unsigned char *out) {
    unsigned char inner_hash[32];
    SHA256_CTX ctx = k->inner;
    SHA256_Update(&ctx, data, data_len);
    SHA256_Final(inner_hash, &ctx);
    ctx = k->outer;
    SHA256_Update(&ctx, inner_hash, 32);
    SHA256_Final(out, &ctx);
}

/* The same, over two parts (`a` then `b`), without joining them. */
static inline void shuniu_hmac_key_mac2(const shuniu_hmac_key *k, const unsigned char *a, size_t a_len,
                                        const unsigned char *b, size_t b_len, unsigned char *out) {
    unsigned char inner_hash[32];
    SHA256_CTX ctx = k->inner;
    SHA256_Update(&ctx, a, a_len);
    SHA256_Update(&ctx, b, b_len);
    SHA256_Final(inner_hash, &ctx);
    ctx = k->outer;
    SHA256_Update(&ctx, inner_hash, 32);
    SHA256_Final(out, &ctx);
}
#endif
