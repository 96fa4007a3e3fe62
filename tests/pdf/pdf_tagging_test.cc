// Tagged PDF (PDF/UA-1 structure) with real clients: poppler's
// `pdfinfo -struct-text` reads every example's headings, § texts, tables and
// footnotes from the structure tree, and check_tagged.py (pikepdf) walks the
// tree and the content streams and fails on untagged content, skipped
// heading levels, tables without TH, annotations outside the tree or
// without /Contents or /TU, and MCIDs that /ParentTree does not map back.
#include <fmt/format.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <kansli/ir.pb.h>

#include <sstream>

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

// A protokoll whose first § holds a paragraph of `links` links, a list of
// `entries` entries and a table of `rows` rows (when not 0), followed by `items` §§ of a
// heading and a decision each.
std::string long_protokoll(int links, int entries, int rows, int items) {
  std::string text = R"(organisation {
  name: "Samordningsförbundet Sörmland"
  bodies { id: "styrelsen" name: "Styrelsen" kind: STYRELSE }
}
meeting_record {
  kind: PROTOKOLL
  body: "styrelsen"
  date: "2026-04-16"
  start_time: "09:00"
  end_time: "15:30"
  place { name: "Stadshuset, Katrineholm" }
  secretary: "Nils Perers"
  present { person { name: "Helena Koch" role: "Ordförande" organisation: "Region Sörmland" } }
  present { person { name: "Owe Ek" role: "Ledamot" organisation: "Eskilstuna kommun" } }
  numbering: PARAGRAPH_SIGN
  items {
    number: 1
    title: "Länkar, lista och tabell"
    blocks { paragraph: "Länkar:)";
  for (int n = 0; n < links; ++n) text += fmt::format(" [{0}](https://exempel.se/{0})", n);
  text += "\" }\n";
  if (entries > 0) {
    text += "    blocks { list {";
    for (int n = 0; n < entries; ++n) text += fmt::format(" entries: \"Punkt {}.\"", n);
    text += " } }\n";
  }
  if (rows > 0) {
    text += "    blocks { table { header: \"Rad\" header: \"Belopp\"";
    for (int n = 0; n < rows; ++n) text += fmt::format(" rows {{ cells: \"Rad {0}\" cells: \"{0} kr\" }}", n);
    text += " } }\n";
  }
  text += "  }\n";
  for (int n = 2; n < items + 2; ++n)
    text += fmt::format(
        "  items {{ number: {0} title: \"Ärende {0}\" blocks {{ decision {{ text: \"Noterades.\" }} }} }}\n",
        n);
  return text + "  closing { chair: \"Helena Koch\" adjusters { name: \"Owe Ek\" } }\n}\n";
}

// Renders `source` into dir/name.pdf and checks it with check_tagged.py and
// qpdf --check; check_tagged.py's output (the structure, one element a line).
std::string render_and_check(const ScratchDir& dir, const std::string& name, const std::string& source) {
  const auto input = dir / (name + ".txtpb"), pdf = dir / (name + ".pdf");
  write_file(input, source);
  const auto r = run_kansli("render " + quote(input.string()) + " -f pdf -o " + quote(pdf.string()));
  if (r.exit_code != 0) {
    ADD_FAILURE() << r.err;
    return {};
  }
  const auto qpdf = run("qpdf --check " + quote(pdf.string()));
  EXPECT_EQ(qpdf.exit_code, 0) << qpdf.out << qpdf.err;
  const auto check = check_tagged(pdf);
  EXPECT_EQ(check.exit_code, 0) << check.err.substr(0, 2000);
  return check.out;
}

size_t count_lines(const std::string& text, const std::string& line) {
  size_t n = 0;
  for (size_t at = text.find(line); at != std::string::npos; at = text.find(line, at + 1)) ++n;
  return n;
}

// Past libharu's array limit (32 767 entries), where a flat /ParentTree
// /Nums and a paragraph's /K used to fail the render: 16 400 link
// annotations give /ParentTree more than 16 384 keys (a number tree now)
// and their paragraph more than 32 767 kids (continued in further P).
TEST(PdfTagging, ParentTreeAndKidsPastTheArrayLimit) {
  ScratchDir dir("pdf-tagging-array-limit");
  const std::string structure = render_and_check(dir, "links", long_protokoll(16400, 0, 0, 1));
  EXPECT_EQ(count_lines(structure, "/Link\n"), 16400u);
  const auto tree =
      run("/usr/bin/python3 -c \"import pikepdf, sys; t = pikepdf.open(sys.argv[1]).Root.StructTreeRoot; "
          "print(len(t.ParentTree.get('/Kids', [])), int(t.ParentTreeNextKey))\" " +
          quote((dir / "links.pdf").string()));
  EXPECT_EQ(tree.exit_code, 0) << tree.err;
  int kids = 0, keys = 0;
  std::istringstream(tree.out) >> kids >> keys;
  EXPECT_GT(keys, 16384);
  EXPECT_GE(kids, 2) << "a flat /ParentTree";
}

// Many children of one element are grouped: the Document's into Part
// elements that each begin with a § heading, a table's rows into TBody; a
// list too long for one array is continued in a second L.
TEST(PdfTagging, ManyChildrenAreGroupedAtHeadings) {
  ScratchDir dir("pdf-tagging-many-kids");
  const std::string s = render_and_check(dir, "kids", long_protokoll(0, 1100, 1100, 1100));
  const size_t parts = count_lines(s, "\n  /Part\n");
  EXPECT_GE(parts, 2u) << s.substr(0, 2000);
  EXPECT_EQ(count_lines(s, "\n  /Part\n    /H2\n"), parts - 1)
      << "a Part (after the first) not led by a § heading";
  EXPECT_EQ(count_lines(s, "    /L\n"), 2u);
  EXPECT_EQ(count_lines(s, "/LI\n"), 1100u);
  EXPECT_EQ(count_lines(s, "      /TBody\n"), 2u);
  EXPECT_EQ(count_lines(s, "/H2\n"), 1101u + 1u);  // the §§ and "Närvarande"

  // Below the limits nothing is grouped.
  const std::string small = render_and_check(dir, "few", long_protokoll(10, 10, 10, 10));
  EXPECT_EQ(small.find("/Part"), std::string::npos);
  EXPECT_EQ(small.find("/TBody"), std::string::npos);
}

}  // namespace
}  // namespace kansli::test
