// The helpers the built-in exporters share (plugins/common): UTF-8 through
// utfcpp, the IR's timestamps, the XML writer of the DOCX parts and the XMP,
// the run-length Flate encoder of logos.
#include <gtest/gtest.h>
#include <zlib.h>

#include <optional>
#include <random>

#include "deflate.hpp"
#include "test_support.hpp"
#include "timestamp.hpp"
#include "utf8.hpp"
#include "xml_writer.hpp"

namespace kansli::test {
namespace {

TEST(Common, ParsesTheIrsTimestamps) {
  const auto t = common::parse_timestamp("2026-03-04T08:05:09+01:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->year, 2026);
  EXPECT_EQ(t->month, 3);
  EXPECT_EQ(t->day, 4);
  EXPECT_EQ(t->hour, 8);
  EXPECT_EQ(t->minute, 5);
  EXPECT_EQ(t->second, 9);
  EXPECT_EQ(t->zone, '+');
  EXPECT_EQ(t->offset_hours, 1);
  EXPECT_EQ(common::parse_timestamp("2025-06-02T15:00:00Z")->zone, 'Z');
  EXPECT_EQ(common::parse_timestamp("2025-06-02T15:00:00-05:30")->offset_minutes, 30);
  for (const char* bad :
       {"", "2026-03-04", "2026-03-04T08:00:00", "2026-13-04T08:00:00Z", "2026-03-04T24:00:00Z",
        "2026-03-04T08:00:00+0100", "2026-03-04 08:00:00Z", "2026-3-4T8:0:0Z"})
    EXPECT_FALSE(common::parse_timestamp(bad)) << bad;
}

TEST(Common, DecodesUtf8AndReplacesWhatIsNot) {
  EXPECT_EQ(common::decode_utf8("Sörmland §"), U"Sörmland §");
  EXPECT_EQ(common::decode_utf8("a\xff"
                                "b"),
            U"a\uFFFDb");                                     // not a lead byte
  EXPECT_EQ(common::decode_utf8("\xc3"), U"\uFFFD");          // cut short
  EXPECT_EQ(common::decode_utf8("\xc0\xaf"), U"\uFFFD");      // overlong: one mark per sequence
  EXPECT_EQ(common::decode_utf8("\xed\xa0\x80"), U"\uFFFD");  // surrogate
  EXPECT_EQ(common::decode_utf8("\xf0\x9f\x98\x80"), U"\U0001F600");
}

// The one-pass decoder skips each invalid sequence as utfcpp's
// replace_invalid does: random bytes, mostly not UTF-8, decode
// to what their repaired text decodes to.
TEST(Common, DecodingRandomBytesEqualsDecodingThemRepaired) {
  std::mt19937 random(20261124);
  const std::string alphabet = "a\x7f\x80\x8f\xa0\xbf\xc0\xc2\xc3\xdf\xe0\xed\xef\xf0\xf4\xf5\xff";
  for (int round = 0; round < 20000; ++round) {
    std::string bytes(random() % 10, '\0');
    for (char& b : bytes) b = alphabet[random() % alphabet.size()];
    std::string repaired;
    utf8::replace_invalid(bytes.begin(), bytes.end(), std::back_inserter(repaired));
    std::u32string expected;
    for (auto it = repaired.begin(); it != repaired.end();) expected += utf8::next(it, repaired.end());
    ASSERT_EQ(common::decode_utf8(bytes), expected) << ::testing::PrintToString(bytes);
  }
}

// What zlib (poppler's decoder) inflates `stream` to; nullopt when it
// refuses the stream.
std::optional<std::string> inflated(const std::string& stream, size_t size) {
  std::string out(size + 1, '\0');
  uLongf produced = out.size();
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &produced,
                 reinterpret_cast<const Bytef*>(stream.data()), stream.size()) != Z_OK)
    return std::nullopt;
  out.resize(produced);
  return out;
}

// Every run length 1-700 after another byte (every length symbol and
// extra-bit value, runs longer than one match, and the 1 or 2 bytes a match
// cannot take), a run at the very start and end, and empty input: zlib
// inflates each back to its bytes.
TEST(Common, RunLengthDeflateInflatesToItsInput) {
  for (size_t length = 1; length <= 700; ++length) {
    const std::string data = "x" + std::string(length, 'y') + std::string(2000, '\0') + "z";
    const std::string stream = common::deflate_runs(data);
    ASSERT_FALSE(stream.empty()) << length;
    ASSERT_EQ(inflated(stream, data.size()), data) << length;
  }
  for (const std::string& data :
       {std::string(), std::string(5000, '\xff'), std::string(5000, '\x90') + "a"}) {
    const std::string stream = common::deflate_runs(data);
    ASSERT_FALSE(stream.empty()) << data.size();
    EXPECT_EQ(inflated(stream, data.size()), data) << data.size();
  }
  // A filtered image of flat colour: runs of zeros between a few bytes.
  std::mt19937 random(20261124);
  for (int round = 0; round < 300; ++round) {
    std::string data;
    while (data.size() < 100000) {
      data.append(random() % 3000, '\0');
      for (unsigned k = random() % 20; k > 0; --k) data += static_cast<char>(random());
      data.append(random() % 9, static_cast<char>(random()));
    }
    const std::string stream = common::deflate_runs(data);
    ASSERT_FALSE(stream.empty()) << round;
    ASSERT_LE(stream.size(), data.size() / 16 + 64);
    ASSERT_EQ(inflated(stream, data.size()), data) << round;
  }
}

// Data that is not mostly runs is given up on (the caller compresses it
// with libdeflate), whatever its length.
TEST(Common, RunLengthDeflateGivesUpOnDataWithoutRuns) {
  std::mt19937 random(7);
  for (size_t size : {100u, 5000u, 300000u}) {
    std::string data(size, '\0');
    for (char& b : data) b = static_cast<char>(random());
    EXPECT_TRUE(common::deflate_runs(data).empty()) << size;
    // Flat at first, then noise (past the 64 bytes a short input may take).
    if (size < 1000) continue;
    data.replace(0, size / 2, size / 2, '\0');
    EXPECT_TRUE(common::deflate_runs(data).empty()) << size;
  }
}

TEST(Common, EncodesWhatItDecodes) {
  const std::string text = "a§ö€\xf0\x9f\x98\x80";
  std::string out;
  for (char32_t cp : common::decode_utf8(text)) common::append_utf8(out, cp);
  EXPECT_EQ(out, text);
}

TEST(XmlWriter, DropsForbiddenCharactersAndReplacesInvalidUtf8) {
  using common::xml_safe;
  EXPECT_EQ(xml_safe("a\x01"
                     "b\x0b"
                     "c\x7f"
                     "d"),
            "abcd");
  EXPECT_EQ(xml_safe("tab\tlf\ncr\r"), "tab\tlf\ncr\r");
  EXPECT_EQ(xml_safe("x\xef\xbf\xbey\xef\xbf\xbfz"), "xyz");  // U+FFFE, U+FFFF
  EXPECT_EQ(xml_safe("\xc2\x85"
                     "C1"),
            "C1");  // U+0085
  EXPECT_EQ(xml_safe("bad\xff"
                     "byte"),
            "bad\xef\xbf\xbd"
            "byte");                                    // lone byte
  EXPECT_EQ(xml_safe("\xed\xa0\x80"), "\xef\xbf\xbd");  // surrogate
  EXPECT_EQ(xml_safe("\xc0\xaf"), "\xef\xbf\xbd");      // overlong '/'
  EXPECT_EQ(xml_safe("åäö 🙂"), "åäö 🙂");
  std::string escaped;
  common::append_escaped(escaped, "<a href=\"x\">&'", true);
  EXPECT_EQ(escaped, "&lt;a href=&quot;x&quot;&gt;&amp;'");

  // Every byte value, as text and as an attribute: still well-formed XML.
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  common::XmlWriter x;
  x.start("root", {{"value", all}}).text(all).element("child", all, {{"v", all}});
  ScratchDir dir("common-xml-writer");
  write_file(dir / "all.xml", x.finish());
  const auto lint = run("xmllint --noout " + quote((dir / "all.xml").string()));
  EXPECT_EQ(lint.exit_code, 0) << lint.err;
}

TEST(XmlWriter, WritesAFragmentWithProcessingInstructions) {
  common::XmlWriter x(common::XmlWriter::Declaration::none);
  x.instruction("xpacket", "begin=\"\"").newline().start("a", {{"b", "\"&"}}).element("c", "1 < 2 & \"x\"");
  x.end().instruction("xpacket", "end=\"w\"");
  EXPECT_EQ(
      x.finish(),
      "<?xpacket begin=\"\"?>\n<a b=\"&quot;&amp;\"><c>1 &lt; 2 &amp; \"x\"</c></a><?xpacket end=\"w\"?>");
}

}  // namespace
}  // namespace kansli::test
