// Writes a ZIP container in memory with libzip, deterministically: entries
// in the order given, every entry with the same DOS timestamp, deflated.
#ifndef KANSLI_DOCX_ZIP_PACKAGE_HPP
#define KANSLI_DOCX_ZIP_PACKAGE_HPP

#include <cstdint>
#include <string>
#include <vector>

namespace kansli::docx {

struct ZipEntry {
  std::string name;     // path inside the archive: "word/document.xml"
  std::string content;  // the bytes
};

// A timestamp as ZIP stores it (MS-DOS date and time, local, 2 s steps).
struct DosTimestamp {
  std::uint16_t time = 0;
  std::uint16_t date = (0 << 9) | (1 << 5) | 1;  // 1980-01-01 00:00:00
};

// DOS timestamp of a calendar date and time; out-of-range values give
// 1980-01-01 00:00.
DosTimestamp dos_timestamp(int year, int month, int day, int hour, int minute, int second);

// The archive's bytes. Same entries, same timestamp: same bytes.
// Throws std::runtime_error with libzip's message when libzip fails.
std::string write_zip(const std::vector<ZipEntry>& entries, DosTimestamp timestamp);

}  // namespace kansli::docx

#endif
