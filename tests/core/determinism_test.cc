// Same input, same bytes: no wall clock, time zone or locale leaks into a
// document. Signing and archiving depend on it.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using namespace kansli::test;

TEST(Determinism, EveryExampleGivesTheSameBytesAtAnotherTimeInAnotherZone) {
  ScratchDir dir("determinism");
  for (const auto& example : example_files())
    for (const std::string format : {"pdf", "docx", "json"}) {
      SCOPED_TRACE(example.filename().string() + " -> " + format);
      const auto now = dir / ("now." + format), later = dir / ("later." + format);
      auto result = run_kansli("render " + quote(example.string()) + " -f " + format + " -o " + quote(now.string()));
      ASSERT_EQ(result.exit_code, 0) << result.err;
      // Another year, another time zone, another locale.
      result = run("faketime '2031-07-01 12:34:56' env TZ=America/New_York LC_ALL=C.UTF-8 " + quote(KANSLI_CLI) +
                   " render " + quote(example.string()) + " -f " + format + " -o " + quote(later.string()));
      ASSERT_EQ(result.exit_code, 0) << result.err;
      const std::string a = read_file(now), b = read_file(later);
      ASSERT_FALSE(a.empty());
      EXPECT_TRUE(a == b) << "the output depends on the clock, time zone or locale";
    }
}

}  // namespace
