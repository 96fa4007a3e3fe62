// `kansli render --manifest FILE --outdir DIR` (issue 13): a manifest's
// documents and extracts give the bytes of single renders; a bad manifest
// is refused at file:line:column with nothing written; a missing input is
// reported by name while the others render. And the bench year
// (bench/year/manifest.txtpb): 70 valid files from one call.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "test_support.hpp"

namespace {

using namespace kansli::test;
namespace fs = std::filesystem;

const fs::path kRecord = examples_dir() / "protokoll-au-2026-03-04.txtpb";

// Files under `dir`, sorted; none when it does not exist.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// `kansli render ARGS -o DIR/NAME` gives the bytes of `batch`.
void expect_single_render(const std::string& args, const fs::path& dir, const fs::path& batch) {
  const fs::path single = dir / ("single" + batch.extension().string());
  const auto result = run_kansli("render " + args + " -o " + quote(single.string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(run("cmp " + quote(single.string()) + " " + quote(batch.string())).exit_code, 0)
      << batch << " differs from `kansli render " << args << "`";
}

TEST(Manifest, RendersDocumentsAndExtractsWithTheBytesOfSingleRenders) {
  ScratchDir dir("manifest-renders");
  fs::create_directories(dir / "in" / "records");
  fs::copy_file(kRecord, dir / "in" / "records" / "au.txtpb");
  write_file(dir / "in" / "manifest.txtpb",
             "# proto-message: kansli.model.Manifest\n"
             "format: \"pdf\"\nformat: \"json\"\n"
             "document { input: \"records/au.txtpb\" }\n"
             "document { input: \"records/au.txtpb\" extract: [21, 22] }\n"
             "document { input: \"records/au.txtpb\" extract: 23 output_name: \"utdrag-ekonomi\" }\n");
  const auto result = run_kansli("render --manifest " + quote((dir / "in" / "manifest.txtpb").string()) +
                                 " --outdir " + quote((dir / "out").string()) + " -j 2");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("3 documents, 6 files written, 0 failed"), std::string::npos) << result.out;
  EXPECT_EQ(listing(dir / "out"),
            (std::vector<std::string>{"au-utdrag-21-22.json", "au-utdrag-21-22.pdf", "au.json", "au.pdf",
                                      "utdrag-ekonomi.json", "utdrag-ekonomi.pdf"}));
  const std::string record = quote((dir / "in" / "records" / "au.txtpb").string());
  for (const std::string extension : {"pdf", "json"}) {
    expect_single_render(record, dir.path(), dir / "out" / ("au." + extension));
    expect_single_render("--extract 21,22 " + record, dir.path(),
                         dir / "out" / ("au-utdrag-21-22." + extension));
    expect_single_render("--extract 23 " + record, dir.path(), dir / "out" / ("utdrag-ekonomi." + extension));
  }
}

TEST(Manifest, ABadManifestIsRefusedAtItsLineAndColumnWithNothingWritten) {
  ScratchDir dir("manifest-bad");
  fs::copy_file(kRecord, dir / "au.txtpb");
  struct Case {
    std::string text, place, message;
  };
  const std::vector<Case> cases = {
      {"document { input: \"au.txtpb\" }\ndocument { inptu: \"au.txtpb\" }\n",
       ":2:17:", "no field named \"inptu\""},
      {"document { input: \"au.txtpb\" extract: [21, x] }\n", ":1:", ""},
      {"document { input: \"au.txtpb\" extract: 0 }\n", ":1:", "item number"},
      {"document { input: \"au.txtpb\" }\ndocument {\n  input: \"au.txtpb\"\n  output_name: \"../au\"\n}\n",
       ":4:3:", "no plain file name"},
      {"document { input: \"au.txtpb\" }\n\ndocument { input: \"au.txtpb\" output_name: \"au\" }\n",
       ":3:", "is also that of the document at line 1"},
      {"document { input: \"au.txt\" }\n", ":1:", "not a document file"},
      {"format: \"pdf\"\n", "", "names no document"},
      {"document { input: \"au.txtpb\" style: \"missing-style.txtpb\" }\n", "missing-style.txtpb",
       "cannot read file"},
  };
  for (const auto& c : cases) {
    write_file(dir / "manifest.txtpb", c.text);
    const auto result = run_kansli("render --manifest " + quote((dir / "manifest.txtpb").string()) +
                                   " --outdir " + quote((dir / "out").string()) + " -f json");
    EXPECT_EQ(result.exit_code, 1) << c.text;
    EXPECT_NE(result.err.find((c.place.empty() || c.place[0] != ':' ? "" : "manifest.txtpb") + c.place),
              std::string::npos)
        << c.text << "\n"
        << result.err;
    EXPECT_NE(result.err.find(c.message), std::string::npos) << c.text << "\n" << result.err;
    EXPECT_TRUE(listing(dir / "out").empty()) << c.text;
  }
}

TEST(Manifest, AMissingInputIsReportedByNameAndTheOthersStillRender) {
  ScratchDir dir("manifest-missing");
  fs::copy_file(kRecord, dir / "au.txtpb");
  write_file(dir / "manifest.txtpb",
             "document { input: \"au.txtpb\" }\n"
             "document { input: \"gone.txtpb\" }\n"
             "document { input: \"gone.txtpb\" extract: 21 }\n"
             "document { input: \"au.txtpb\" extract: 99 }\n");
  const auto result = run_kansli("render --manifest " + quote((dir / "manifest.txtpb").string()) +
                                 " --outdir " + quote((dir / "out").string()) + " -f json,pdf");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("gone.txtpb: cannot read file"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("99"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("4 documents, 2 files written, 3 failed"), std::string::npos) << result.out;
  EXPECT_EQ(listing(dir / "out"), (std::vector<std::string>{"au.json", "au.pdf"}));
}

TEST(Manifest, NeedsAnOutputDirectoryAndNamesItsOwnExtracts) {
  const std::string manifest = quote((source_dir() / "bench" / "year" / "manifest.txtpb").string());
  auto result = run_kansli("render --manifest " + manifest);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--manifest needs --outdir"), std::string::npos) << result.err;
  result = run_kansli("render --manifest " + manifest + " --outdir /tmp/kansli-never --extract 21");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_FALSE(fs::exists("/tmp/kansli-never"));
}

// The bench data of a whole year (bench/year): up to date with its
// generator, and one call writes all 70 files, every PDF passing qpdf
// --check, every DOCX opening in python-docx, a sample equal to single
// renders.
TEST(BenchYear, TheGeneratedYearIsUpToDate) {
  ScratchDir dir("bench-year-generated");
  const fs::path year = source_dir() / "bench" / "year";
  ASSERT_EQ(
      run("/usr/bin/python3 " + quote((year / "generate.py").string()) + " " + quote(dir.path().string()))
          .exit_code,
      0);
  const auto diff =
      run("diff -r " + quote((year / "records").string()) + " " + quote((dir / "records").string()) +
          " && diff " + quote((year / "manifest.txtpb").string()) + " " +
          quote((dir / "manifest.txtpb").string()));
  EXPECT_EQ(diff.exit_code, 0) << "run bench/year/generate.py\n" << diff.out;
}

TEST(BenchYear, OneCallWritesTheWholeYearAsValidFiles) {
  ScratchDir dir("bench-year");
  const fs::path year = source_dir() / "bench" / "year";
  const auto result = run_kansli("render --manifest " + quote((year / "manifest.txtpb").string()) +
                                 " --outdir " + quote((dir / "out").string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("35 documents, 70 files written, 0 failed"), std::string::npos) << result.out;
  std::vector<std::string> expected;
  for (const auto& record : listing(year / "records")) {
    const std::string stem = fs::path(record).stem().string();
    for (const std::string extension : {".pdf", ".docx"}) expected.push_back(stem + extension);
  }
  expected.insert(expected.end(), {"arsredovisning-2025.pdf", "arsredovisning-2025.docx"});
  const auto files = listing(dir / "out");
  ASSERT_EQ(files.size(), 70u);
  for (const auto& name : expected)
    EXPECT_TRUE(std::find(files.begin(), files.end(), name) != files.end()) << name;
  EXPECT_EQ(std::count_if(files.begin(), files.end(),
                          [](const std::string& name) { return name.find("-utdrag-") != std::string::npos; }),
            28);
  std::string docx;
  for (const auto& name : files) {
    const fs::path path = dir / "out" / name;
    if (path.extension() == ".pdf") {
      const auto check = run("qpdf --check " + quote(path.string()));
      EXPECT_EQ(check.exit_code, 0) << name << "\n" << check.out << check.err;
    } else {
      docx += " " + quote(path.string());
    }
  }
  const auto opened =
      run("/usr/bin/python3 -c 'import sys, docx\nfor f in sys.argv[1:]: docx.Document(f)'" + docx);
  EXPECT_EQ(opened.exit_code, 0) << opened.err;
  // A sample: a long record, an extract of two items, the annual report.
  const std::string long_record = quote((year / "records" / "protokoll-au-2026-06-10.txtpb").string());
  expect_single_render(long_record, dir.path(), dir / "out" / "protokoll-au-2026-06-10.pdf");
  expect_single_render(
      "--extract 21,22 " + quote((year / "records" / "protokoll-au-2026-03-04.txtpb").string()), dir.path(),
      dir / "out" / "protokoll-au-2026-03-04-utdrag-21-22.docx");
  expect_single_render(quote((examples_dir() / "arsredovisning-2025.txtpb").string()), dir.path(),
                       dir / "out" / "arsredovisning-2025.pdf");
}

}  // namespace
