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

// Issue 13: one warm context, four threads at once. Every render gives the
// bytes a single thread gets, extracts included, and each thread sees its
// own last error while the others succeed.
TEST(CApi, OneContextRendersFromFourThreadsAtOnceWithTheSameResult) {
  struct Input {
    std::string name, bytes;
    std::vector<unsigned> items;  // a protokollsutdrag when not empty
  };
  std::vector<Input> inputs;
  for (const auto& example : kansli::test::example_files())
    inputs.push_back({example.filename().string(), kansli::test::read_file(example), {}});
  ASSERT_FALSE(inputs.empty());
  const std::string au =
      kansli::test::read_file(kansli::test::examples_dir() / "protokoll-au-2026-03-04.txtpb");
  inputs.push_back({"utdrag 21,22", au, {21, 22}});
  const std::vector<std::string> formats = {"pdf", "docx", "json"};
  auto render = [&](kansli_context* context, const Input& input, const std::string& format) {
    std::string out;
    const int status = kansli_render_extract(context, input.bytes.data(), input.bytes.size(),
                                             KANSLI_INPUT_TEXT, format.c_str(), input.items.data(),
                                             input.items.size(), nullptr, 0, append, &out);
    return status == KANSLI_OK ? out : "error: " + std::string(kansli_last_error(context));
  };

  Renderings expected;
  {
    kansli_context* single = kansli_context_create(nullptr);
    ASSERT_NE(single, nullptr);
    for (const auto& input : inputs)
      for (const auto& format : formats) {
        const std::string& bytes = expected[{input.name, format}] = render(single, input, format);
        EXPECT_NE(bytes.rfind("error: ", 0), 0u) << input.name << " -> " << format << ": " << bytes;
      }
    kansli_context_destroy(single);
  }

  kansli_context* shared = kansli_context_create(nullptr);
  ASSERT_NE(shared, nullptr);
  constexpr int kThreads = 4, kRounds = 2;
  std::vector<Renderings> results(kThreads);
  std::vector<std::string> own_errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round)
        // Each thread starts elsewhere, so that different documents and
        // exporters (and the first use of each exporter) overlap.
        for (size_t k = 0; k < inputs.size() * formats.size(); ++k) {
          const size_t i = (k + static_cast<size_t>(t) * 5) % (inputs.size() * formats.size());
          const Input& input = inputs[i / formats.size()];
          const std::string& format = formats[i % formats.size()];
          results[t][{input.name, format}] = render(shared, input, format);
          if (k % 7 == static_cast<size_t>(t)) {
            // A failure of this thread's own, then its error is still its own.
            const std::string bad =
                "meeting_record { kind: PROTOKOLL date: \"thread " + std::to_string(t) + "\" }";
            std::string ignored;
            if (kansli_render(shared, bad.data(), bad.size(), KANSLI_INPUT_TEXT, "pdf", nullptr, 0, append,
                              &ignored) == KANSLI_INVALID_INPUT)
              own_errors[t] = kansli_last_error(shared);
            std::this_thread::yield();
            if (kansli_last_error(shared) != own_errors[t]) own_errors[t] = "changed by another thread";
          }
        }
    });
  for (auto& thread : threads) thread.join();
  kansli_context_destroy(shared);
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(results[t].size(), expected.size());
    for (const auto& [key, bytes] : expected)
      EXPECT_EQ(results[t].at(key), bytes) << "thread " << t << ": " << key.first << " -> " << key.second;
    EXPECT_NE(own_errors[t].find("thread " + std::to_string(t)), std::string::npos) << own_errors[t];
  }
}
