// Tagged PDF (PDF/UA-1 structure) with real clients: poppler's
// `pdfinfo -struct-text` reads every example's headings, § texts, tables and
// footnotes from the structure tree, and check_tagged.py (pikepdf) walks the
// tree and the content streams and fails on untagged content, skipped
// heading levels, tables without TH, annotations outside the tree or
// without /Contents or /TU, and MCIDs that /ParentTree does not map back.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <kansli/ir.pb.h>

#include "test_support.hpp"

namespace kansli::test {
namespace {

namespace fs = std::filesystem;

ir::Document ir_of(const fs::path& example) {
  const auto r = run_kansli("render " + quote(example.string()) + " -f json -O content=ir -o -");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ir::Document doc;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &doc, options).ok());
  return doc;
}

std::string text_of(const google::protobuf::RepeatedPtrField<ir::Span>& spans) {
  std::string text;
  for (const auto& s : spans) text += s.text();
  return text;
}

TEST(PdfTagging, EveryExampleIsTaggedAndPopplerReadsItsStructure) {
  ScratchDir dir("pdf-tagging");
  ASSERT_FALSE(example_files().empty());
  for (const auto& example : example_files()) {
    SCOPED_TRACE(example.filename().string());
    const auto pdf = dir / (example.stem().string() + ".pdf");
    auto r = run_kansli("render " + quote(example.string()) + " -f pdf -o " + quote(pdf.string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;

    auto check = run("/usr/bin/python3 " + quote(std::string(KANSLI_PDF_TEST_DIR) + "/check_tagged.py") +
                     " " + quote(pdf.string()));
    EXPECT_EQ(check.exit_code, 0) << check.err;

    auto info = run("pdfinfo " + quote(pdf.string()));
    EXPECT_NE(info.out.find("Tagged:          yes"), std::string::npos) << info.out;
    auto structure = run("pdfinfo -struct-text " + quote(pdf.string()));
    ASSERT_EQ(structure.exit_code, 0) << structure.err;
    const std::string& s = structure.out;
    EXPECT_NE(s.find("H1"), std::string::npos);

    // Every heading (with its § number) and every footnote, in order; a
    // table's header cells.
    const ir::Document doc = ir_of(example);
    size_t at = 0;
    for (const auto& b : doc.blocks()) {
      if (b.has_heading()) {
        const auto& h = b.heading();
        for (const std::string& part : {h.number(), text_of(h.spans())}) {
          if (part.empty()) continue;
          const size_t found = s.find(part, at);
          EXPECT_NE(found, std::string::npos) << "heading text not in reading order: " << part;
          if (found != std::string::npos) at = found;
        }
      }
      if (b.has_table()) {
        EXPECT_NE(s.find("TH"), std::string::npos);
      }
    }
    for (const auto& f : doc.footnotes()) {
      EXPECT_NE(s.find("Note"), std::string::npos);
      EXPECT_NE(s.find(text_of(f.spans()).substr(0, 20)), std::string::npos) << "footnote " << f.number();
    }
  }
}

TEST(PdfTagging, CheckerFailsOnAnUntaggedPdf) {
  // The checker can fail: the same pages without the structure tree (qpdf
  // copies pages, not the catalog) are refused.
  ScratchDir dir("pdf-tagging-untagged");
  const auto tagged = dir / "tagged.pdf", untagged = dir / "untagged.pdf";
  ASSERT_EQ(
      run_kansli("render " + quote(example_files().front().string()) + " -f pdf -o " + quote(tagged.string()))
          .exit_code,
      0);
  ASSERT_EQ(
      run("qpdf --empty --pages " + quote(tagged.string()) + " -- " + quote(untagged.string())).exit_code, 0);
  auto check = run("/usr/bin/python3 " + quote(std::string(KANSLI_PDF_TEST_DIR) + "/check_tagged.py") + " " +
                   quote(untagged.string()));
  EXPECT_NE(check.exit_code, 0);
}

}  // namespace
}  // namespace kansli::test
