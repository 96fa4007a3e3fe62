// The annual report as PDF and as DOCX: every figure the composer printed
// shows as formatted text, in document order (pdftotext; for the DOCX after
// LibreOffice converts it), and each board member has a signature field in
// the PDF. Built only when the exporter is in the tree (see CMakeLists.txt).
#include "report_test_support.hpp"

#include <kansli/compose.hpp>
#include <kansli/load.hpp>

#include <gtest/gtest.h>

#include <regex>

namespace kansli::test {
namespace {

ir::Document composed_example() {
  auto loaded = load_document_file(report_example());
  EXPECT_TRUE(loaded);
  return compose(loaded->document).value;
}

// Runs of white space (layout columns, line ends, no-break spaces) as one
// space, so that "16 000" matches however the page set it.
std::string normalised(const std::string& text) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool nbsp = text.compare(i, 2, "\u00a0") == 0, narrow = text.compare(i, 3, "\u202f") == 0;
    if (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\f' || nbsp || narrow) {
      i += nbsp ? 1 : narrow ? 2 : 0;
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += text[i];
  }
  return out;
}

// Every figure of the composed report in document order: each table cell
// outside header rows that is a figure ("2 136", "−221", "46,4 %",
// "8 200 tkr"), and each amount in a composed paragraph ("2 136 tkr",
// "11,7 mkr", "23 %"), its no-break spaces read as spaces. Header cells
// and labels are words, which the exporters' own tests check.
std::vector<std::string> figures(const ir::Document& document) {
  // std::regex works on bytes: the minus sign (U+2212) is grouped whole.
  static const std::string number = "(?:\u2212)?[0-9]{1,3}(?: [0-9]{3})*(?:,[0-9]+)?";
  static const std::regex cell_figure("^" + number + "(?: (?:tkr|mkr|%))?$");
  static const std::regex amount(number + " (?:tkr|mkr|%)");
  std::vector<std::string> out;
  for (const auto& block : document.blocks()) {
    if (block.has_table())
      for (const auto& row : block.table().rows()) {
        if (row.kind() == ir::Row::HEADER) continue;
        for (const auto& cell : row.cells()) {
          const std::string text = normalised(spans_text(cell.spans()));
          if (std::regex_match(text, cell_figure)) out.push_back(text);
        }
      }
    if (block.has_paragraph()) {
      const std::string text = normalised(spans_text(block.paragraph().spans()));
      for (std::sregex_iterator it(text.begin(), text.end(), amount), end; it != end; ++it) out.push_back(it->str());
    }
  }
  return out;
}

void expect_every_figure(const std::string& pdf_text) {
  const auto expected = figures(composed_example());
  ASSERT_GT(expected.size(), 200u);
  // The reference figures are among them.
  for (const char* reference : {"2 136", "221", "11,7 mkr", "16,0 mkr", "3,3 mkr", "23 %", "588", "362"})
    EXPECT_NE(std::find_if(expected.begin(), expected.end(),
                           [&](const std::string& f) { return f.find(reference) != std::string::npos; }),
              expected.end())
        << reference;
  EXPECT_EQ(missing_in_order(expected, normalised(pdf_text)), "");
}

#ifdef KANSLI_TEST_PDF
TEST(ReportPdf, ShowsEveryFigureAndASignatureFieldPerBoardMember) {
  ScratchDir dir("annual-report-pdf");
  const auto pdf = dir / "arsredovisning.pdf";
  const auto rendered = run_kansli("render " + quote(report_example().string()) + " -f pdf -o " + quote(pdf.string()));
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  const auto text = run("pdftotext -layout " + quote(pdf.string()) + " -");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  expect_every_figure(text.out);

  const auto fields = run("qpdf --json=2 --json-key=acroform " + quote(pdf.string()));
  ASSERT_EQ(fields.exit_code, 0) << fields.err;
  int signatories = 0;
  const auto document = composed_example();
  for (const auto& block : document.blocks()) {
    if (!block.has_signatures()) continue;
    for (const auto& signatory : block.signatures().signatories()) {
      ++signatories;
      EXPECT_NE(fields.out.find("\"" + signatory.field_name() + "\""), std::string::npos) << signatory.field_name();
    }
  }
  EXPECT_EQ(signatories, 5);
}
#endif

#ifdef KANSLI_TEST_DOCX
TEST(ReportDocx, ShowsEveryFigureAfterLibreOfficeConversionAndHasATocField) {
  ScratchDir dir("annual-report-docx");
  const auto docx = dir / "arsredovisning.docx";
  const auto rendered = run_kansli("render " + quote(report_example().string()) + " -f docx -o " + quote(docx.string()));
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  const auto document_xml = run("unzip -p " + quote(docx.string()) + " word/document.xml");
  ASSERT_EQ(document_xml.exit_code, 0) << document_xml.err;
  EXPECT_NE(document_xml.out.find("TOC \\"), std::string::npos) << "no Word TOC field";

  const auto convert = run("soffice -env:UserInstallation=file://" + (dir / "profile").string() +
                           " --headless --convert-to pdf --outdir " + quote(dir.path().string()) + " " +
                           quote(docx.string()));
  ASSERT_EQ(convert.exit_code, 0) << convert.out << convert.err;
  const auto text = run("pdftotext -layout " + quote((dir / "arsredovisning.pdf").string()) + " -");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  expect_every_figure(text.out);
}
#endif

}  // namespace
}  // namespace kansli::test
