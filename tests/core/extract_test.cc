// A protokollsutdrag (`render --extract`) in the formats people send: only
// the chosen §§, the meeting's header, and a certification to sign.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using namespace kansli::test;

const std::filesystem::path kProtokoll = examples_dir() / "protokoll-au-2026-03-04.txtpb";

TEST(Extract, PdfHoldsOnlyTheChosenItemsAndACertificationField) {
  ScratchDir dir("extract-pdf");
  const auto pdf = dir / "utdrag.pdf";
  const auto render = run_kansli("render --extract 21,22 " + quote(kProtokoll.string()) + " -o " + quote(pdf.string()));
  ASSERT_EQ(render.exit_code, 0) << render.err;
  const auto text = run("pdftotext -layout " + quote(pdf.string()) + " -");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(missing_in_order(words("Protokollsutdrag fört vid sammanträde med Arbetsutskottet Datum 2026-03-04 "
                                   "Närvarande Helena Koch Gäster § 21 Ann-Charlotte Rydberg § 21 Ansökan från "
                                   "regionen Beslut: § 22 Årsredovisning 2025 Beslut: Justerare Helena Koch Owe Ek "
                                   "Justerat 2026-03-16 Rätt utdraget intygar Nils Perers"),
                             text.out),
            "");
  for (const char* absent : {"§ 18", "Mötets öppnande", "§ 23", "Styrelseledamotens", "§ 25", "Underskrift 1",
                             "Vid protokollet"})
    EXPECT_EQ(text.out.find(absent), std::string::npos) << absent;
  const auto fields = run("pdfsig " + quote(pdf.string()));
  EXPECT_NE(fields.out.find("Signature Field Name: utdrag-intygas-nils-perers"), std::string::npos) << fields.out;
  EXPECT_EQ(fields.out.find("justering-"), std::string::npos) << fields.out;
}

TEST(Extract, DocxHoldsOnlyTheChosenItems) {
  ScratchDir dir("extract-docx");
  const auto docx = dir / "utdrag.docx";
  const auto render = run_kansli("render --extract 24 " + quote(kProtokoll.string()) + " -o " + quote(docx.string()));
  ASSERT_EQ(render.exit_code, 0) << render.err;
  const auto xml = run("unzip -p " + quote(docx.string()) + " word/document.xml");
  ASSERT_EQ(xml.exit_code, 0) << xml.err;
  for (const char* present : {"Protokollsutdrag", "Medlemmars beslutsordning", "Rätt utdraget intygar"})
    EXPECT_NE(xml.out.find(present), std::string::npos) << present;
  for (const char* absent : {"Mötets öppnande", "Ansökan från regionen", "Gäster", "Mötet avslutas"})
    EXPECT_EQ(xml.out.find(absent), std::string::npos) << absent;
}

TEST(Extract, OfMinnesanteckningarIsRefused) {
  ScratchDir dir("extract-notes");
  const auto result = run_kansli("render --extract 2 " +
                                 quote((examples_dir() / "minnesanteckningar-medlemsmote-2026-03-26.txtpb").string()) +
                                 " -o " + quote((dir / "x.pdf").string()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("can only be made from a protokoll"), std::string::npos) << result.err;
  EXPECT_TRUE(dir.files().empty());
}

}  // namespace
