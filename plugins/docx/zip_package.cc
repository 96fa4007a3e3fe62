#include "zip_package.hpp"

#include <zip.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace kansli::docx {

DosTimestamp dos_timestamp(int year, int month, int day, int hour, int minute, int second) {
  DosTimestamp stamp;
  if (year < 1980 || year > 2107 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 59)
    return stamp;
  stamp.date = static_cast<std::uint16_t>(((year - 1980) << 9) | (month << 5) | day);
  stamp.time = static_cast<std::uint16_t>((hour << 11) | (minute << 5) | (second / 2));
  return stamp;
}

namespace {

struct SourceDeleter {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};

// `owned`: the error is ours to release (not one held by a libzip object).
[[noreturn]] void fail(const std::string& what, zip_error_t* error, bool owned = true) {
  const std::string message = what + ": " + zip_error_strerror(error);
  if (owned) zip_error_fini(error);
  throw std::runtime_error(message);
}

}  // namespace

std::string write_zip(const std::vector<ZipEntry>& entries, DosTimestamp timestamp) {
  zip_error_t error;
  zip_error_init(&error);
  // The archive is written into a growing memory buffer that we keep after
  // zip_close (zip_source_keep) and read back.
  std::unique_ptr<zip_source_t, SourceDeleter> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) fail("cannot create a ZIP buffer", &error);
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (!archive) fail("cannot start a ZIP archive", &error);
  zip_source_keep(buffer.get());

  const auto archive_error = [&](const std::string& what) {
    const std::string message = what + ": " + zip_strerror(archive);
    zip_discard(archive);
    throw std::runtime_error(message);
  };
  for (const auto& entry : entries) {
    // The entry's bytes stay alive in `entries` until zip_close.
    zip_source_t* source = zip_source_buffer(archive, entry.content.data(), entry.content.size(), 0);
    if (!source) archive_error("cannot add " + entry.name);
    const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      archive_error("cannot add " + entry.name);
    }
    const auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 6) != 0 ||
        zip_file_set_dostime(archive, i, timestamp.time, timestamp.date, 0) != 0 ||
        zip_file_set_external_attributes(archive, i, 0, ZIP_OPSYS_DOS, 0) != 0)
      archive_error("cannot set the attributes of " + entry.name);
  }
  if (zip_close(archive) != 0) archive_error("cannot write the ZIP archive");

  zip_source_t* source = buffer.get();
  if (zip_source_open(source) != 0) fail("cannot read the ZIP archive back", zip_source_error(source), false);
  std::string bytes;
  char chunk[65536];
  zip_int64_t n;
  while ((n = zip_source_read(source, chunk, sizeof chunk)) > 0) bytes.append(chunk, static_cast<size_t>(n));
  zip_source_close(source);
  if (n < 0) fail("cannot read the ZIP archive back", zip_source_error(source), false);
  zip_error_fini(&error);
  return bytes;
}

}  // namespace kansli::docx
