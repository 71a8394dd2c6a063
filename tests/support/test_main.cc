// main() for every GoogleTest binary: libsodium first, then the tests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iostream>

#include "services/common/crypto.h"

int main(int argc, char** argv) {
  if (!cft::InitCrypto().ok()) {
    std::cerr << "libsodium could not be initialised\n";
    return 1;
  }
  ::testing::InitGoogleMock(&argc, argv);
  return RUN_ALL_TESTS();
}
