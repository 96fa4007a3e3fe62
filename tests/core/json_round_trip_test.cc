// The JSON exporter writes the source as proto3 JSON; reading it back gives
// an identical message, for every example.
#include "test_support.hpp"

#include <kansli/load.hpp>
#include <kansli/validate.hpp>

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

namespace {

using namespace kansli::test;

TEST(JsonRoundTrip, EveryExampleReadsBackIdentical) {
  const auto examples = example_files();
  ASSERT_GE(examples.size(), 3u);
  for (const auto& example : examples) {
    SCOPED_TRACE(example.string());
    const auto json = run_kansli("render " + quote(example.string()) + " -f json -o -");
    ASSERT_EQ(json.exit_code, 0) << json.err;

    auto original = kansli::load_document_file(example);
    ASSERT_TRUE(original) << original.problems.front().to_string();
    auto reread = kansli::load_document(json.out, kansli::InputFormat::json, "stdout.json");
    ASSERT_TRUE(reread) << reread.problems.front().to_string();
    std::string differences;
    google::protobuf::util::MessageDifferencer differencer;
    differencer.ReportDifferencesToString(&differences);
    EXPECT_TRUE(differencer.Compare(original->document, reread->document)) << differences;
    EXPECT_TRUE(kansli::validate(*reread).empty());
  }
}

TEST(JsonRoundTrip, RenderedJsonValidatesThroughTheCli) {
  ScratchDir dir("json-cli");
  const auto example = examples_dir() / "protokoll-au-2026-03-04.txtpb";
  const auto out = dir / "protokoll.json";
  const auto render = run_kansli("render " + quote(example.string()) + " -o " + quote(out.string()));
  ASSERT_EQ(render.exit_code, 0) << render.err;
  const auto validate = run_kansli("validate " + quote(out.string()));
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  // And the JSON renders to the very same JSON again.
  const auto again = run_kansli("render " + quote(out.string()) + " -f json -o -");
  EXPECT_EQ(again.out, read_file(out));
}

TEST(JsonExporter, WritesTheIrOnRequestAndRejectsUnknownOptions) {
  const auto example = examples_dir() / "protokoll-au-2026-03-04.txtpb";
  const auto ir = run_kansli("render " + quote(example.string()) + " -f json -O content=ir -o -");
  ASSERT_EQ(ir.exit_code, 0) << ir.err;
  EXPECT_NE(ir.out.find("\"footer_page_label\": \"Sida {page} av {pages}\""), std::string::npos);
  const auto bad = run_kansli("render " + quote(example.string()) + " -f json -O colour=red -o -");
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("unknown option 'colour'"), std::string::npos) << bad.err;
}

}  // namespace
