// Issue 9: the PDF and the DOCX of every example carry the typography that
// compose wrote into the IR (docs/typography.md): no-break spaces in numbers,
// after §, before % and units, in dates and times, and footnote marks after
// punctuation. check_exports.py reads the PDF's content streams with pikepdf
// and the DOCX's XML parts.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {

using namespace kansli::test;

class TypographyInExports : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(TypographyInExports, PdfAndDocxShowEveryNoBreakSpaceOfTheIrAndNoBreakableOne) {
  const auto& example = GetParam();
  ScratchDir dir("typography-" + example.stem().string());
  const auto ir = dir / "doc.ir.json", pdf = dir / "doc.pdf", docx = dir / "doc.docx";
  for (const auto& [output, extra] : {std::pair{ir, std::string("-f json -O content=ir")},
                                      std::pair{pdf, std::string()}, std::pair{docx, std::string()}}) {
    const auto rendered =
        run_kansli("render " + quote(example.string()) + " " + extra + " -o " + quote(output.string()));
    ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  }
  // Debian's interpreter: python3-pikepdf is installed for it.
  const auto check =
      run("/usr/bin/python3 " + quote((source_dir() / "tests/typography/check_exports.py").string()) + " " +
          quote(ir.string()) + " " + quote(pdf.string()) + " " + quote(docx.string()));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

INSTANTIATE_TEST_SUITE_P(EveryExample, TypographyInExports, ::testing::ValuesIn(example_files()),
                         [](const auto& info) {
                           std::string name = info.param.stem().string();
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
