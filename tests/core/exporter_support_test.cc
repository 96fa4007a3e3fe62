// The helpers the SDK header gives every exporter.
#include <kansli/exporter_support.hpp>

#include <gtest/gtest.h>

TEST(ExporterSupport, ParsesTheIrsTimestamps) {
  const auto t = kansli::parse_timestamp("2026-03-04T08:05:09+01:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->year, 2026);
  EXPECT_EQ(t->month, 3);
  EXPECT_EQ(t->day, 4);
  EXPECT_EQ(t->hour, 8);
  EXPECT_EQ(t->minute, 5);
  EXPECT_EQ(t->second, 9);
  EXPECT_EQ(t->zone, '+');
  EXPECT_EQ(t->offset_hours, 1);
  EXPECT_EQ(kansli::parse_timestamp("2025-06-02T15:00:00Z")->zone, 'Z');
  EXPECT_EQ(kansli::parse_timestamp("2025-06-02T15:00:00-05:30")->offset_minutes, 30);
  for (const char* bad : {"", "2026-03-04", "2026-03-04T08:00:00", "2026-13-04T08:00:00Z", "2026-03-04T24:00:00Z",
                          "2026-03-04T08:00:00+0100", "2026-03-04 08:00:00Z", "2026-3-4T8:0:0Z"})
    EXPECT_FALSE(kansli::parse_timestamp(bad)) << bad;
}

TEST(ExporterSupport, DecodesUtf8AndReplacesWhatIsNot) {
  EXPECT_EQ(kansli::decode_utf8("Sörmland §"), U"Sörmland §");
  EXPECT_EQ(kansli::decode_utf8("a\xff" "b"), U"a\uFFFDb");           // not a lead byte
  EXPECT_EQ(kansli::decode_utf8("\xc3"), U"\uFFFD");                   // cut short
  EXPECT_EQ(kansli::decode_utf8("\xc0\xaf"), U"\uFFFD\uFFFD");         // overlong
  EXPECT_EQ(kansli::decode_utf8("\xed\xa0\x80"), U"\uFFFD\uFFFD\uFFFD");  // surrogate
  EXPECT_EQ(kansli::decode_utf8("\xf0\x9f\x98\x80"), U"\U0001F600");
}

TEST(ExporterSupport, EncodesWhatItDecodes) {
  const std::string text = "a§ö€\xf0\x9f\x98\x80";
  std::string out;
  for (char32_t cp : kansli::decode_utf8(text)) kansli::encode_utf8(out, cp);
  EXPECT_EQ(out, text);
}
