#include <kansli/swedish.hpp>

#include <gtest/gtest.h>

namespace sv = kansli::swedish;

TEST(SwedishDates, WritesOutWeekdayDayMonthAndYear) {
  EXPECT_EQ(sv::format_date_written_out({2025, 6, 2}), "måndagen den 2\u00A0juni\u00A02025");
  EXPECT_EQ(sv::format_date_written_out({2026, 3, 4}), "onsdagen den 4\u00A0mars\u00A02026");
}

TEST(SwedishDates, RejectsImpossibleDates) {
  EXPECT_FALSE(sv::parse_date("2026-02-30"));
  EXPECT_FALSE(sv::parse_date("2026-13-01"));
  EXPECT_FALSE(sv::parse_date("2026-3-4"));
  EXPECT_TRUE(sv::parse_date("2024-02-29"));
  EXPECT_FALSE(sv::parse_date("2025-02-29"));
}

TEST(SwedishTimes, RejectsImpossibleTimes) {
  EXPECT_TRUE(sv::parse_time("08:00"));
  EXPECT_FALSE(sv::parse_time("24:00"));
  EXPECT_FALSE(sv::parse_time("10:60"));
  EXPECT_FALSE(sv::parse_time("10"));
  EXPECT_EQ(sv::format_time_span(sv::Time{8, 0}, sv::Time{10, 0}), "kl.\u00A08.00–10.00");
}

TEST(SwedishNumbers, GroupsThousandsWithNarrowNoBreakSpacesAndUsesTrueMinus) {
  EXPECT_EQ(sv::format_integer(2136), "2\u202F136");
  EXPECT_EQ(sv::format_integer(-221), "−221");
  EXPECT_EQ(sv::format_integer(16000000), "16\u202F000\u202F000");
  EXPECT_EQ(sv::format_tkr_from_kronor(2135600), "2\u202F136");
  EXPECT_EQ(sv::format_tkr_from_kronor(-221400), "−221");
  EXPECT_EQ(sv::format_mkr(11700000), "11,7");
  EXPECT_EQ(sv::format_mkr(11749999), "11,7");
  EXPECT_EQ(sv::format_percent(23), "23\u00A0%");
}

TEST(SwedishTime, KnowsSummerTime) {
  EXPECT_EQ(sv::stockholm_utc_offset({2026, 3, 4}, {8, 0, 0}), "+01:00");
  EXPECT_EQ(sv::stockholm_utc_offset({2025, 6, 2}, {15, 0, 0}), "+02:00");
  EXPECT_EQ(sv::stockholm_utc_offset({2026, 3, 29}, {12, 0, 0}), "+02:00");
  EXPECT_EQ(sv::stockholm_utc_offset({2026, 10, 25}, {12, 0, 0}), "+01:00");
}

TEST(Slug, FoldsSwedishLettersForFieldNames) {
  EXPECT_EQ(sv::slug("Helena Koch"), "helena-koch");
  EXPECT_EQ(sv::slug("Charlotta Skålén"), "charlotta-skalen");
  EXPECT_EQ(sv::slug("Åsa Öberg-Ärlig"), "asa-oberg-arlig");
}
