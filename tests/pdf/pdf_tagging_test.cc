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

// Renders examples/<name>.txtpb as a PDF into `dir`; the PDF's path.
fs::path render_example(const ScratchDir& dir, const std::string& name) {
  const auto pdf = dir / (name + ".pdf");
  const auto r = run_kansli("render " + quote((examples_dir() / (name + ".txtpb")).string()) + " -f pdf -o " +
                            quote(pdf.string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return pdf;
}

// check_tagged.py on `pdf`.
CommandResult check_tagged(const fs::path& pdf) {
  return run("/usr/bin/python3 " + quote(std::string(KANSLI_PDF_TEST_DIR) + "/check_tagged.py") + " " +
             quote(pdf.string()));
}

TEST(PdfTagging, EveryExampleIsTaggedAndPopplerReadsItsStructure) {
  ScratchDir dir("pdf-tagging");
  ASSERT_FALSE(example_files().empty());
  for (const auto& example : example_files()) {
    SCOPED_TRACE(example.filename().string());
    const auto pdf = dir / (example.stem().string() + ".pdf");
    auto r = run_kansli("render " + quote(example.string()) + " -f pdf -o " + quote(pdf.string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;

    auto check = check_tagged(pdf);
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

// The numbered points of minnesanteckningar 2026-03-26 are run-in headings:
// drawn at the start of their paragraph, tagged as a heading (Sect: H, P).
// The attendance table's column headings are not drawn, yet present as TH
// with /ActualText. Lists are L / LI / Lbl / LBody; footnote marks and
// notes link to each other (check_tagged.py checks the links).
TEST(PdfTagging, RunInHeadingsHiddenHeaderCellsListsAndFootnoteLinks) {
  ScratchDir dir("pdf-tagging-details");
  const auto notes = render_example(dir, "minnesanteckningar-medlemsmote-2026-03-26");
  const std::string s = run("pdfinfo -struct-text " + quote(notes.string())).out;
  for (const std::string point : {"1. ", "2. ", "3. "})
    EXPECT_NE(s.find("Sect\n    H2 (block)\n      \"" + point + "\"\n    P (block)"), std::string::npos)
        << point << s;
  auto check = check_tagged(notes);
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_NE(check.out.find("/TH \"Namn\""), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("/TH \"Roll och organisation\""), std::string::npos) << check.out;

  const auto planning = render_example(dir, "protokoll-styrelsen-planeringsdag-2026-04-16");
  const std::string p = run("pdfinfo -struct-text " + quote(planning.string())).out;
  EXPECT_NE(p.find("LI (block)\n      Lbl (block)\n        \"1.\"\n      LBody (block)"), std::string::npos)
      << p;
  EXPECT_NE(p.find("Reference (inline)\n      Link (inline)\n        \"2\""), std::string::npos) << p;
  EXPECT_NE(p.find("Note <fn-2>"), std::string::npos) << p;
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
  auto check = check_tagged(untagged);
  EXPECT_NE(check.exit_code, 0);
}

// The checker fails on a list item without LBody, a Reference or Note
// without its Link, a TH without text and a list without /ListNumbering
// (break_tagging.py breaks one).
TEST(PdfTagging, CheckerFailsOnBrokenListsFootnoteLinksAndHeaderCells) {
  ScratchDir dir("pdf-tagging-broken");
  const auto planning = render_example(dir, "protokoll-styrelsen-planeringsdag-2026-04-16");
  const auto notes = render_example(dir, "minnesanteckningar-medlemsmote-2026-03-26");
  const std::string tools = std::string(KANSLI_PDF_TEST_DIR) + "/";
  for (const auto& [what, source, message] :
       {std::tuple{"lbody", planning, "not Lbl and LBody"},
        std::tuple{"reference", planning, "a Reference has no Link"},
        std::tuple{"note", planning, "a Note has no Link"},
        std::tuple{"th", notes, "a TH with neither content nor /ActualText"},
        std::tuple{"listnumbering", planning, "a list without /ListNumbering"}}) {
    SCOPED_TRACE(what);
    const auto broken = dir / (std::string(what) + ".pdf");
    ASSERT_EQ(run("/usr/bin/python3 " + quote(tools + "break_tagging.py") + " " + quote(source.string()) +
                  " " + quote(broken.string()) + " " + what)
                  .exit_code,
              0);
    auto check = check_tagged(broken);
    EXPECT_NE(check.exit_code, 0);
    EXPECT_NE(check.err.find(message), std::string::npos) << check.err;
  }
}

}  // namespace
}  // namespace kansli::test
