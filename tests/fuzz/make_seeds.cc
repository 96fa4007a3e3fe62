// Writes the fuzzers' seed corpora from the examples: every examples/*.txtpb
// as text (a copy), proto3 JSON and binary Protobuf, into OUT/text, OUT/json
// and OUT/binary. Usage: kansli_fuzz_seeds EXAMPLES_DIR OUT_DIR
#include <google/protobuf/util/json_util.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <kansli/load.hpp>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s EXAMPLES_DIR OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::filesystem::path examples(argv[1]), out(argv[2]);
  for (const char* format : {"text", "json", "binary"}) std::filesystem::create_directories(out / format);
  for (const auto& entry : std::filesystem::directory_iterator(examples)) {
    if (entry.path().extension() != ".txtpb") continue;
      const auto loaded = kansli::load_document_file(entry.path());
    if (!loaded) {
      for (const auto& problem : loaded.problems) std::fprintf(stderr, "%s\n", problem.to_string().c_str());
      return 1;
    }
    const std::string stem = entry.path().stem().string();
    std::filesystem::copy_file(entry.path(), out / "text" / (stem + ".txtpb"),
                               std::filesystem::copy_options::overwrite_existing);
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(loaded->document, &json).ok()) return 1;
    std::ofstream(out / "json" / (stem + ".json"), std::ios::binary) << json;
    std::ofstream(out / "binary" / (stem + ".binpb"), std::ios::binary)
        << loaded->document.SerializeAsString();
  }
  return 0;
}
