// `kansli render INPUT... --outdir DIR`: many documents in one call give the
// bytes single renders give; bad inputs are reported and the others render.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {

using namespace kansli::test;

TEST(BatchRender, WritesTheBytesOfSingleRendersForEveryDocumentAndFormat) {
  ScratchDir dir("batch-equals-single");
  const auto result = run_kansli("render " + quote(examples_dir().string()) + " --outdir " +
                                 quote((dir / "out").string()) + " -f pdf,docx,json -j 2");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto examples = example_files();
  ASSERT_FALSE(examples.empty());
  EXPECT_NE(result.out.find(std::to_string(examples.size()) + " documents, " +
                            std::to_string(3 * examples.size()) + " files written, 0 failed"),
            std::string::npos)
      << result.out;
  EXPECT_EQ(result.err, "");  // not a terminal: no progress line
  for (const auto& example : examples) {
    for (const std::string extension : {"pdf", "docx", "json"}) {
      const std::string name = example.stem().string() + "." + extension;
      const auto single =
          run_kansli("render " + quote(example.string()) + " -o " + quote((dir / name).string()));
      ASSERT_EQ(single.exit_code, 0) << single.err;
      EXPECT_EQ(
          run("cmp " + quote((dir / name).string()) + " " + quote((dir / "out" / name).string())).exit_code,
          0)
          << name;
    }
  }
}

TEST(BatchRender, ReportsEachBadInputAndStillRendersTheGoodOnes) {
  ScratchDir dir("batch-bad-inputs");
  std::filesystem::create_directories(dir / "in");
  std::filesystem::create_directories(dir / "empty");
  std::filesystem::copy_file(examples_dir() / "protokoll-au-2026-03-04.txtpb", dir / "in" / "good.txtpb");
  write_file(dir / "in" / "broken.txtpb", "organisation { name: \"Förbundet\" }\nmeeting_record { !!! }\n");
  write_file(dir / "empty" / "notes.txt", "not a document");
  const auto result = run_kansli(
      "render " + quote((dir / "in").string()) + " " + quote((dir / "missing.txtpb").string()) + " " +
      quote((dir / "empty").string()) + " --outdir " + quote((dir / "out").string()) + " -f json,pdf");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("broken.txtpb:2:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("missing.txtpb"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("no documents in this directory"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("3 documents, 2 files written, 3 failed"), std::string::npos) << result.out;
  // Only the good document's files, complete; no temporary files.
  EXPECT_EQ(dir.files(), (std::vector<std::string>{"empty", "in", "out"}));
  const auto out = run("ls " + quote((dir / "out").string()));
  EXPECT_EQ(out.out, "good.json\ngood.pdf\n");
  EXPECT_EQ(read_file(dir / "out" / "good.pdf").substr(0, 5), "%PDF-");
}

// Files are flushed to disk 64 at a time (OutputGroup): a batch of several
// groups and a remainder writes every file whole, and a file that cannot be
// written fails alone within its group.
TEST(BatchRender, EveryFileOfSeveralFlushGroupsIsWrittenWhole) {
  ScratchDir dir("batch-groups");
  std::filesystem::create_directories(dir / "in");
  const auto example = examples_dir() / "minnesanteckningar-medlemsmote-2026-03-26.txtpb";
  for (int i = 0; i < 75; ++i)
    std::filesystem::copy_file(example, dir / "in" / ("m" + std::to_string(100 + i) + ".txtpb"));
  std::filesystem::create_directories(dir / "out" / "m150.json");  // in the way of one output
  const auto result = run_kansli("render " + quote((dir / "in").string()) + " --outdir " +
                                 quote((dir / "out").string()) + " -f json,pdf -j 2");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("75 documents, 149 files written, 1 failed"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("cannot replace " + (dir / "out" / "m150.json").string() + ": it is a directory"),
            std::string::npos)
      << result.err;
  const auto single =
      run_kansli("render " + quote(example.string()) + " -o " + quote((dir / "s.pdf").string()));
  ASSERT_EQ(single.exit_code, 0) << single.err;
  const auto json =
      run_kansli("render " + quote(example.string()) + " -o " + quote((dir / "s.json").string()));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const std::string pdf_bytes = read_file(dir / "s.pdf"), json_bytes = read_file(dir / "s.json");
  const auto names = run("ls -A " + quote((dir / "out").string()));
  size_t count = 0;
  for (size_t at = 0, end; (end = names.out.find('\n', at)) != std::string::npos; at = end + 1, ++count) {
    const std::string name = names.out.substr(at, end - at);
    ASSERT_NE(name[0], '.') << "temporary file left: " << name;
    if (name == "m150.json") continue;
    EXPECT_EQ(read_file(dir / "out" / name), name.ends_with(".pdf") ? pdf_bytes : json_bytes) << name;
  }
  EXPECT_EQ(count, 150u) << names.out;
  EXPECT_TRUE(std::filesystem::is_directory(dir / "out" / "m150.json"));
}

// A batch holds only the documents being rendered: its peak memory does not
// grow with the number of documents. (Each parsed document was kept to the
// end before: 1 000 copies of the AU protokoll peaked at 68 MB, now 17 MB.)
TEST(BatchRender, MemoryDoesNotGrowWithTheNumberOfDocuments) {
  ScratchDir dir("batch-memory");
  const auto example = examples_dir() / "protokoll-styrelsen-2026-05-20.txtpb";
  auto peak_kib = [&](int documents) {
    const auto in = dir / ("in" + std::to_string(documents));
    std::filesystem::create_directories(in);
    for (int i = 0; i < documents; ++i)
      std::filesystem::copy_file(example, in / ("p" + std::to_string(i) + ".txtpb"));
    const auto result =
        run("python3 -c 'import resource, subprocess, sys; "
            "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
            "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' " +
            quote(KANSLI_CLI) + " render " + quote(in.string()) + " --outdir " +
            quote((dir / ("out" + std::to_string(documents))).string()) + " -f json -j 1");
    EXPECT_EQ(result.out.substr(0, 2), "0 ") << result.out << result.err;
    return std::stol(result.out.substr(2));
  };
  const long few = peak_kib(20), many = peak_kib(400);
  // Twenty times the documents: kept, they would add some 20 MB.
  EXPECT_LT(many, few + 6 * 1024) << "20 documents: " << few << " KiB, 400: " << many << " KiB";
}

TEST(BatchRender, TwoDocumentsWithTheSameOutputNameAreNotBothWritten) {
  ScratchDir dir("batch-same-name");
  for (const std::string sub : {"a", "b"}) {
    std::filesystem::create_directories(dir / sub);
    std::filesystem::copy_file(examples_dir() / "protokoll-au-2026-03-04.txtpb", dir / sub / "p.txtpb");
  }
  const auto result = run_kansli("render " + quote((dir / "a").string()) + " " + quote((dir / "b").string()) +
                                 " --outdir " + quote((dir / "out").string()) + " -f json");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("is also"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("2 documents, 1 files written, 1 failed"), std::string::npos) << result.out;
}

TEST(BatchRender, AnOutputDirectoryThatCannotBeWrittenIsReportedAtOnce) {
  // /proc takes no new directories, not even from root.
  const auto result =
      run_kansli("render " + quote(examples_dir().string()) + " --outdir /proc/kansli-test -f json");
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.err.find("cannot write into the output directory /proc/kansli-test"), std::string::npos)
      << result.err;
}

TEST(BatchRender, AnUnknownExporterStopsBeforeAnythingIsWritten) {
  ScratchDir dir("batch-unknown-exporter");
  const auto result = run_kansli("render " + quote(examples_dir().string()) + " --outdir " +
                                 quote((dir / "out").string()) + " -f json,nosuchformat");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("no exporter 'nosuchformat'"), std::string::npos) << result.err;
  EXPECT_TRUE(dir.files().empty());
}

TEST(BatchRender, SeveralInputsNeedAnOutputDirectory) {
  const auto result =
      run_kansli("render " + quote(examples_dir().string()) + " " + quote(examples_dir().string()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("several inputs need --outdir"), std::string::npos) << result.err;
}

}  // namespace
