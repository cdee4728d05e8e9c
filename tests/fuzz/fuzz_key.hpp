// The fuzz targets' signing key: fixed, so that a corpus of signed tickets
// stays valid. Seed bytes 0..31; never used outside the fuzz targets.
#pragma once

#include <sodium.h>

#include <cstdlib>

#include "shared/domain/ticket.hpp"

namespace accueil::fuzz {

inline const SecretKey& fuzz_secret_key() {
  static const SecretKey key = [] {
    if (sodium_init() < 0) std::abort();
    unsigned char seed[crypto_sign_SEEDBYTES];
    for (unsigned i = 0; i < sizeof seed; ++i) seed[i] = static_cast<unsigned char>(i);
    SecretKey k;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_seed_keypair(pk, k.bytes.data(), seed);
    return k;
  }();
  return key;
}

}  // namespace accueil::fuzz
