// Inline text: plain text takes a shortcut past cmark-gfm (append_inline);
// whatever the text, the spans are those the parser gives.
#include "compose_support/inline_text.hpp"

#include <gtest/gtest.h>

#include <random>

#include "test_support.hpp"

namespace kansli {
namespace {

std::string spans_of(std::string_view text, bool parsed) {
  ir::Paragraph paragraph;
  const FootnoteNumberer number = [](const std::string&) { return 1u; };
  if (parsed)
    append_inline_parsed(text, number, *paragraph.mutable_spans());
  else
    append_inline(text, number, *paragraph.mutable_spans());
  return paragraph.DebugString();
}

TEST(InlineText, PlainTextGivesTheSpansTheParserGives) {
  // Text from the examples' fields, and text at the edges of the shortcut.
  std::vector<std::string> texts = {
      "",
      "Ordförande Helena Koch hälsade alla välkomna.",
      "1. Ordförande",
      "1) punkt",
      "- ett",
      "+ två",
      "# rubrik",
      "==",
      "---",
      "-",
      "text ",
      " text",
      "kl. 8.00–10.00",
      "se www.example.se",
      "se WWW.EXAMPLE.SE",
      "mailto:kansli@example.se",
      "xmpp:kansli",
      "https://example.se",
      "a@b.se",
      "2 136 tkr",
      "§ 21 Beslut",
      "a\tb",
      "a\nb",
      "a  b",
      "&amp;",
      "Tom & Jerry",
      "*viktigt*",
      "_understruket_",
      "~~struken~~",
      "[länk](https://example.se)",
      "fotnot[^1]",
      "<b>",
      "\\*",
      "`kod`",
      "1.5 mkr",
      "=",
      "ftp.example.se",
  };
  // And random text over an alphabet heavy in the characters that matter.
  std::mt19937 random(20261124);
  const std::string alphabet = "aw .:-#+=1)\t\n*_[]!<>&~@\\`^|/WhtpsmailoxvåäöÅ§";
  for (int i = 0; i < 20000; ++i) {
    std::string text(random() % 12, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    texts.push_back(text);
  }
  size_t plain = 0;
  for (const auto& text : texts) {
    const std::string fast = spans_of(text, false), slow = spans_of(text, true);
    ASSERT_EQ(fast, slow) << "text: \"" << text << "\"";
    plain += is_plain_inline(text);
  }
  EXPECT_TRUE(is_plain_inline("Ordförande Helena Koch hälsade alla välkomna."));
  EXPECT_GT(plain, 2000u);  // the shortcut was taken, not only the parser
}

}  // namespace
}  // namespace kansli
