// Writes every golden print job (golden_cases.hpp) as <dir>/<name>.prn.
// Run by approve-golden.sh; never by the tests themselves.
#include <cstdio>
#include <fstream>
#include <string>

#include "golden_cases.hpp"

int main(int argc, char** argv) {
  using namespace accueil::printer;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  for (const auto& c : test::golden_cases()) {
    const auto pages = test::golden_pages(c);
    auto job = brother::encode_job(c.model, c.media, pages, c.options);
    if (!job) {
      std::fprintf(stderr, "%s: %s\n", std::string(c.name).c_str(), job.error().message.c_str());
      return 1;
    }
    const std::string path = std::string(argv[1]) + "/" + std::string(c.name) + ".prn";
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(job->data()), static_cast<std::streamsize>(job->size()));
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      return 1;
    }
    std::printf("%s (%zu bytes)\n", path.c_str(), job->size());
  }
  return 0;
}
