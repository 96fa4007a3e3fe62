// The command line: formats, outputs, help and exit codes.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace {

using namespace kansli::test;

const std::filesystem::path kExample = examples_dir() / "protokoll-au-2026-03-04.txtpb";

TEST(RenderCommand, TakesTheFormatFromTheOutputExtension) {
  ScratchDir dir("format-from-extension");
  const auto result = run_kansli("render " + quote(kExample.string()) + " -o " + quote((dir / "p.json").string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(dir.files(), std::vector<std::string>{"p.json"});
  EXPECT_EQ(read_file(dir / "p.json").front(), '{');
}

TEST(RenderCommand, WritesBesideTheInputByDefault) {
  ScratchDir dir("beside-input");
  std::filesystem::copy_file(kExample, dir / "protokoll.txtpb");
  const auto result = run_kansli("render " + quote((dir / "protokoll.txtpb").string()) + " -f json");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(dir.files(), (std::vector<std::string>{"protokoll.json", "protokoll.txtpb"}));
}

TEST(RenderCommand, WritesToStandardOutputWithDash) {
  const auto result = run_kansli("render " + quote(kExample.string()) + " -f json -o -");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\"kind\": \"PROTOKOLL\""), std::string::npos);
}

TEST(RenderCommand, UnknownExtensionIsAUsageError) {
  ScratchDir dir("unknown-extension");
  const auto result = run_kansli("render " + quote(kExample.string()) + " -o " + quote((dir / "p.xyz").string()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no exporter writes '.xyz' files"), std::string::npos) << result.err;
  EXPECT_TRUE(dir.files().empty());
}

TEST(RenderCommand, UnknownFormatIsAnExporterFailure) {
  const auto result = run_kansli("render " + quote(kExample.string()) + " -f nosuchformat -o -");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("no exporter 'nosuchformat'"), std::string::npos) << result.err;
}

TEST(RenderCommand, UnwritableOutputDirectoryIsReportedAndLeavesNothing) {
  ScratchDir dir("unwritable");
  std::filesystem::create_directory(dir / "locked");
  ::chmod((dir / "locked").c_str(), 0555);
  const auto result =
      run_kansli("render " + quote(kExample.string()) + " -f json -o " + quote((dir / "locked" / "p.json").string()));
  ::chmod((dir / "locked").c_str(), 0755);
  if (::geteuid() == 0 && result.exit_code == 0) GTEST_SKIP() << "root ignores directory permissions";
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.err.find("cannot write"), std::string::npos) << result.err;
  EXPECT_TRUE(std::filesystem::is_empty(dir / "locked"));
}

TEST(RenderCommand, OutputWhereNothingMayBeWrittenIsReported) {
  // /proc takes no new files, not even from root.
  const auto result = run_kansli("render " + quote(kExample.string()) + " -f json -o /proc/kansli-test.json");
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.err.find("cannot write /proc/kansli-test.json"), std::string::npos) << result.err;
}

TEST(RenderCommand, OutputOverADirectoryIsRefusedAndTheDirectoryKept) {
  ScratchDir dir("output-is-dir");
  std::filesystem::create_directory(dir / "p.json");
  write_file(dir / "p.json" / "keep.txt", "keep");
  const auto result = run_kansli("render " + quote(kExample.string()) + " -f json -o " + quote((dir / "p.json").string()));
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.err.find("cannot replace"), std::string::npos) << result.err;
  EXPECT_EQ(dir.files(), std::vector<std::string>{"p.json"});
  EXPECT_EQ(read_file(dir / "p.json" / "keep.txt"), "keep");
}

TEST(RenderCommand, OutputIntoAMissingDirectoryIsReported) {
  ScratchDir dir("missing-dir");
  const auto result =
      run_kansli("render " + quote(kExample.string()) + " -f json -o " + quote((dir / "no" / "p.json").string()));
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.err.find("cannot write"), std::string::npos) << result.err;
  EXPECT_TRUE(dir.files().empty());
}

TEST(RenderCommand, ExtractRejectsMalformedListsAndMissingItems) {
  auto result = run_kansli("render " + quote(kExample.string()) + " -f json -o - --extract 21,x");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--extract takes item numbers"), std::string::npos) << result.err;
  result = run_kansli("render " + quote(kExample.string()) + " -f json -o - --extract 40");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("the record has no item § 40"), std::string::npos) << result.err;
}

TEST(RenderCommand, ExtractRejectsNumbersAndRangesNoRecordHolds) {
  // These once wrapped around or ran until memory ran out.
  for (const std::string list : {"1-4294967295", "18-400000000", "4294967314", "' 18'", "-18", "+18", "0"}) {
    const auto result = run_kansli("render " + quote(kExample.string()) + " -f json -o - --extract " + list);
    EXPECT_EQ(result.exit_code, 2) << list << "\n" << result.err;
  }
}

TEST(RenderCommand, RefusesToWriteOverItsOwnInput) {
  ScratchDir dir("output-is-input");
  const auto json = dir / "record.json";
  const auto render = run_kansli("render " + quote(kExample.string()) + " -o " + quote(json.string()));
  ASSERT_EQ(render.exit_code, 0) << render.err;
  const std::string before = read_file(json);
  auto result = run_kansli("render " + quote(json.string()) + " -f json");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("is the input"), std::string::npos) << result.err;
  result = run_kansli("render " + quote(json.string()) + " -o " + quote((dir.path() / "." / "record.json").string()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(read_file(json), before);
  EXPECT_EQ(dir.files(), std::vector<std::string>{"record.json"});
}

TEST(Cli, AFullStandardOutputIsReported) {
  const auto result = run_kansli("validate " + quote(kExample.string()) + " > /dev/full");
  EXPECT_EQ(result.exit_code, 4) << result.err;
}

TEST(Cli, HelpDocumentsExitCodes) {
  for (const std::string command : {"--help", "render --help", "validate --help"}) {
    const auto result = run_kansli(command);
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_NE(result.out.find("Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 exporter failure"),
              std::string::npos)
        << command << "\n" << result.out;
  }
}

TEST(Cli, VersionIsTheLibrarysVersion) {
  const auto result = run_kansli("--version");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind("kansli 0.", 0), 0u) << result.out;
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_kansli("").exit_code, 2);
  EXPECT_EQ(run_kansli("frobnicate").exit_code, 2);
  EXPECT_EQ(run_kansli("render").exit_code, 2);
  EXPECT_EQ(run_kansli("render " + quote(kExample.string()) + " --no-such-flag").exit_code, 2);
}

}  // namespace
