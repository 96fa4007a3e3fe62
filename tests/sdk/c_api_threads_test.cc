// Issue 6: separate C API contexts used from separate threads at once give
// exactly the bytes a single thread gets.
#include <kansli/kansli.h>

#include <gtest/gtest.h>

#include "test_support.hpp"

#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

int append(void* context, const void* data, size_t size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), size);
  return 0;
}

// (example, format) -> rendered bytes, or "error: ..." when rendering failed.
using Renderings = std::map<std::pair<std::string, std::string>, std::string>;

Renderings render_all(kansli_context* context, const std::vector<std::pair<std::string, std::string>>& inputs) {
  Renderings out;
  for (size_t i = 0; i < kansli_exporter_count(context); ++i) {
    const std::string format = kansli_exporter_id(context, i);
    for (const auto& [name, bytes] : inputs) {
      std::string result;
      if (kansli_render(context, bytes.data(), bytes.size(), KANSLI_INPUT_TEXT, format.c_str(), nullptr, 0, append,
                        &result) != KANSLI_OK)
        result = std::string("error: ") + kansli_last_error(context);
      out[{name, format}] = std::move(result);
    }
  }
  return out;
}

}  // namespace

TEST(CApi, SeparateContextsRenderFromSeveralThreadsAtOnceWithTheSameResult) {
  std::vector<std::pair<std::string, std::string>> inputs;
  for (const auto& example : kansli::test::example_files())
    inputs.emplace_back(example.filename().string(), kansli::test::read_file(example));
  ASSERT_FALSE(inputs.empty());
  // Text full of what cmark-gfm's extensions act on (autolinks,
  // strikethrough): the parser changes global tables while it runs, so
  // unguarded parses in other threads lose their links.
  std::string autolinks =
      R"(organisation { name: "Förbundet" bodies { id: "s" name: "Styrelsen" kind: STYRELSE } }
meeting_record { kind: PROTOKOLL body: "s" date: "2026-03-04"
  items { number: 1 title: "Länkar" blocks { decision { text: "Noterat." } })";
  for (int i = 0; i < 120; ++i)
    autolinks += "\n    blocks { paragraph: \"Se www.exempel" + std::to_string(i) + ".se, https://x" + std::to_string(i) +
                 ".se/a och ~~struket~~ samt kansli" + std::to_string(i) + "@exempel.se.\" }";
  autolinks += "\n  }\n}\n";
  inputs.emplace_back("autolinks", autolinks);

  kansli_context* single = kansli_context_create(nullptr);
  ASSERT_NE(single, nullptr);
  const Renderings expected = render_all(single, inputs);
  kansli_context_destroy(single);
  ASSERT_FALSE(expected.empty());
  for (const auto& [key, bytes] : expected) EXPECT_NE(bytes.rfind("error: ", 0), 0u) << key.second << ": " << bytes;

  constexpr int kThreads = 6, kRounds = 3;
  std::vector<Renderings> results(kThreads * kRounds);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      kansli_context* context = kansli_context_create(nullptr);
      if (!context) return;
      for (int round = 0; round < kRounds; ++round) results[t * kRounds + round] = render_all(context, inputs);
      kansli_context_destroy(context);
    });
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) {
    ASSERT_EQ(result.size(), expected.size());
    for (const auto& [key, bytes] : expected) EXPECT_EQ(result.at(key), bytes) << key.first << " -> " << key.second;
  }
}
