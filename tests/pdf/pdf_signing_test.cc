// Proves that the exporter's empty signature fields can be signed by a
// standard tool: a throw-away NSS database with a self-signed certificate,
// `pdfsig -sign <field>` field after field, each signature valid afterwards.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <regex>

#include "test_support.hpp"

namespace kansli::test {
namespace {

// The signature field names the composer asked for, from the IR as JSON.
std::vector<std::string> field_names(const std::filesystem::path& example,
                                     const std::string& form = "record") {
  const auto ir =
      run_kansli("render --form " + form + " " + quote(example.string()) + " -f json -O content=ir -o -");
  EXPECT_EQ(ir.exit_code, 0) << ir.err;
  std::vector<std::string> names;
  static const std::regex field(R"re("field_name":\s*"([^"]+)")re");
  for (auto it = std::sregex_iterator(ir.out.begin(), ir.out.end(), field); it != std::sregex_iterator(); ++it)
    names.push_back((*it)[1]);
  return names;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t pos = 0; (pos = text.find(what, pos)) != std::string::npos; pos += what.size()) ++n;
  return n;
}

TEST(PdfSigning, EverySignatureFieldSignsInTurnAndStaysValid) {
  ScratchDir dir("pdf-signing");
  const auto nss = dir / "nss";
  std::filesystem::create_directories(nss);
  const std::string db = "sql:" + nss.string();
  auto setup = run("certutil -N -d " + quote(db) + " --empty-password && head -c 64 /dev/urandom > " +
                   quote((dir / "noise").string()) + " && certutil -S -s 'CN=Kansli Test,O=Kansli' -n signer -x" +
                   " -t CT,C,C -k rsa -g 2048 -v 12 -d " + quote(db) + " -z " + quote((dir / "noise").string()));
  ASSERT_EQ(setup.exit_code, 0) << setup.err;

  size_t examples_with_fields = 0;
  // Every example as the copy for signing (the default), and those with an
  // anslagsbevis as that too.
  std::vector<std::pair<std::filesystem::path, std::string>> documents;
  for (const auto& example : example_files()) {
    documents.emplace_back(example, "record");
    if (read_file(example).find("\n  anslagsbevis {") != std::string::npos)
      documents.emplace_back(example, "anslagsbevis");
  }
  for (const auto& [example, form] : documents) {
    const auto names = field_names(example, form);
    if (names.empty()) continue;
    ++examples_with_fields;
    SCOPED_TRACE(example.filename().string() + " --form " + form);
    std::string current = (dir / "signed-0.pdf").string();
    auto render =
        run_kansli("render --form " + form + " " + quote(example.string()) + " -f pdf -o " + quote(current));
    ASSERT_EQ(render.exit_code, 0) << render.err;
    if (form == "record") {
      // The copy for signing holds no record of signatures: the signing
      // service appends its own.
      const auto text = run("pdftotext " + quote(current) + " -");
      EXPECT_EQ(text.out.find("Transaktions-ID"), std::string::npos);
      EXPECT_EQ(text.out.find("elektroniskt undertecknat dokument"), std::string::npos);
    }

    // The unsigned file lists exactly these fields, none signed.
    auto listed = run("pdfsig -nssdir " + quote(db) + " " + quote(current));
    for (const auto& name : names) EXPECT_NE(listed.out.find("Signature Field Name: " + name), std::string::npos) << name;
    EXPECT_EQ(count(listed.out, "The signature form field is not signed."), names.size()) << listed.out;

    for (size_t i = 0; i < names.size(); ++i) {
      const std::string next = (dir / fmt::format("signed-{}.pdf", i + 1)).string();
      auto sign = run("pdfsig -nssdir " + quote(db) + " -nick signer -sign " + quote(names[i]) + " " +
                      quote(current) + " " + quote(next));
      ASSERT_EQ(sign.exit_code, 0) << "signing " << names[i] << ": " << sign.err;
      auto verify = run("pdfsig -nssdir " + quote(db) + " " + quote(next));
      EXPECT_EQ(count(verify.out, "Signature Validation: Signature is Valid."), i + 1) << verify.out;
      EXPECT_EQ(count(verify.out, "The signature form field is not signed."), names.size() - i - 1) << verify.out;
      // The newest signature (listed in field order, so find it by name)
      // covers the whole document.
      const size_t at = verify.out.find("Signature Field Name: " + names[i]);
      ASSERT_NE(at, std::string::npos);
      const size_t end = verify.out.find("Signature #", at);
      EXPECT_NE(verify.out.substr(at, end - at).find("Total document signed"), std::string::npos) << verify.out;
      auto qpdf = run("qpdf --check " + quote(next));
      EXPECT_EQ(qpdf.exit_code, 0) << qpdf.out << qpdf.err;
      current = next;
    }
  }
  EXPECT_GT(examples_with_fields, 0u) << "no example has signature fields";
}

// Each field lies on its signatory's line: the name printed under the line
// starts where the field starts, just below it, on the same page.
TEST(PdfSigning, EachFieldSitsOnItsSignatorysLine) {
  ScratchDir dir("pdf-field-place");
  size_t checked = 0;
  for (const auto& example : example_files()) {
    SCOPED_TRACE(example.filename().string());
    const auto ir = run_kansli("render " + quote(example.string()) + " -f json -O content=ir -o -");
    static const std::regex signatory(R"re("name":\s*"([^"]+)"[^{}]*?"field_name":\s*"([^"]+)")re");
    const auto pdf = (dir / "x.pdf").string();
    ASSERT_EQ(run_kansli("render " + quote(example.string()) + " -f pdf -o " + quote(pdf)).exit_code, 0);
    const auto form = run("qpdf --json --json-key=acroform " + quote(pdf));
    for (auto it = std::sregex_iterator(ir.out.begin(), ir.out.end(), signatory); it != std::sregex_iterator(); ++it) {
      const std::string name = (*it)[1], field = (*it)[2];
      SCOPED_TRACE(field);
      // The field's widget object and page, from qpdf's form listing.
      std::smatch m;
      ASSERT_TRUE(std::regex_search(form.out, m, std::regex("\"fullname\": \"" + field + "\"[^{}]*?\"object\": \"(\\d+) 0 R\"" +
                                                             "[^{}]*?\"pageposfrom1\": (\\d+)")));
      const std::string object = m[1], page = m[2];
      const auto widget = run("qpdf --show-object=" + object + " " + quote(pdf));
      ASSERT_TRUE(std::regex_search(widget.out, m, std::regex(R"(/Rect \[ ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) \])")))
          << widget.out;
      const double x1 = std::stod(m[1]), y1 = std::stod(m[2]), x2 = std::stod(m[3]), y2 = std::stod(m[4]);
      EXPECT_GT(x2 - x1, 100);
      EXPECT_GT(y2 - y1, 20);
      // The first word of the name on that page, in top-down coordinates.
      const auto boxes = run("pdftotext -bbox -f " + page + " -l " + page + " " + quote(pdf) + " -");
      const std::string first = name.substr(0, name.find(' '));
      bool found = false;
      static const std::regex word(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>)re");
      for (auto w = std::sregex_iterator(boxes.out.begin(), boxes.out.end(), word); w != std::sregex_iterator(); ++w) {
        if ((*w)[3] != first) continue;
        const double wx = std::stod((*w)[1]), top = 841.89 - std::stod((*w)[2]);
        if (std::abs(wx - x1) < 1.0 && y1 - top >= 0 && y1 - top < 12) found = true;
      }
      EXPECT_TRUE(found) << name << " is not printed just under field " << field;
      ++checked;
    }
  }
  EXPECT_GT(checked, 0u);
}

}  // namespace
}  // namespace kansli::test
