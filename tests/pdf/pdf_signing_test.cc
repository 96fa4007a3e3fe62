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
std::vector<std::string> field_names(const std::filesystem::path& example) {
  const auto ir = kansli("render " + quote(example.string()) + " -f json -O content=ir -o -");
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
  for (const auto& example : example_files()) {
    const auto names = field_names(example);
    if (names.empty()) continue;
    ++examples_with_fields;
    SCOPED_TRACE(example.filename().string());
    std::string current = (dir / "signed-0.pdf").string();
    auto render = kansli("render " + quote(example.string()) + " -f pdf -o " + quote(current));
    ASSERT_EQ(render.exit_code, 0) << render.err;

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

}  // namespace
}  // namespace kansli::test
