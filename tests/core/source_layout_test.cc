// The core's source tree shows the pipeline (README "How it works"): each
// document kind's validator and composer in its own folder, the helpers
// they share in compose_support/ and validate_support/, and no composer
// including another kind's files or the dispatch above it.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace {

namespace fs = std::filesystem;

// The quoted includes of every file below `folder`, as "file: include".
std::vector<std::string> includes_below(const fs::path& folder) {
  std::vector<std::string> out;
  static const std::regex include("^#include \"([^\"]+)\"");
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      std::smatch match;
      if (std::regex_search(line, match, include))
        out.push_back(entry.path().filename().string() + ": " + match[1].str());
    }
  }
  return out;
}

TEST(SourceLayout, ComposersIncludeOnlyTheirOwnFolderAndTheSharedHelpers) {
  const fs::path src = kansli::test::source_dir() / "core" / "src";
  struct Rule {
    const char* folder;
    std::vector<std::string> forbidden;
  };
  const std::vector<Rule> rules = {
      {"meeting_record", {"annual_report/", "../compose.", "../validate."}},
      {"annual_report", {"meeting_record/", "../compose.", "../validate."}},
      {"compose_support", {"annual_report/", "meeting_record/", "validate_support/"}},
      {"validate_support", {"annual_report/", "meeting_record/", "compose_support/"}},
  };
  size_t seen = 0;
  for (const auto& rule : rules) {
    ASSERT_TRUE(fs::is_directory(src / rule.folder)) << rule.folder;
    for (const auto& include : includes_below(src / rule.folder)) {
      ++seen;
      for (const auto& bad : rule.forbidden)
        EXPECT_EQ(include.find(bad), std::string::npos) << rule.folder << "/" << include;
    }
  }
  EXPECT_GT(seen, 10u);
}

}  // namespace
