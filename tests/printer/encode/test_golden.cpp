// The encoder must reproduce the approved golden jobs byte for byte. A change
// here is reviewed (see golden/*.explain.txt) and re-approved with
// tests/printer/encode/approve-golden.sh, never by editing the files.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "golden_cases.hpp"

using namespace accueil::printer;

TEST_CASE("Brother QL jobs match the approved goldens", "[brother][golden]") {
  for (const auto& c : test::golden_cases()) {
    const std::string stem = std::string(ACCUEIL_ENCODE_GOLDEN_DIR) + "/" + std::string(c.name);
    INFO(stem << ".prn (re-approve with tests/printer/encode/approve-golden.sh after review)");
    std::ifstream in(stem + ".prn", std::ios::binary);
    REQUIRE(in);
    const std::vector<std::uint8_t> golden((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(std::ifstream(stem + ".explain.txt").good());
    const auto pages = test::golden_pages(c);
    auto job = brother::encode_job(c.model, c.media, pages, c.options);
    REQUIRE(job);
    std::size_t first_difference = 0;
    while (first_difference < std::min(golden.size(), job->size()) &&
           golden[first_difference] == (*job)[first_difference])
      ++first_difference;
    INFO("first difference at byte " << first_difference << " of " << golden.size());
    CHECK(job->size() == golden.size());
    CHECK(*job == golden);
  }
}
