#include "object_helpers.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstring>
#include <kansli/exporter_support.hpp>
#include <memory>

#include "utf8.hpp"

namespace kansli::pdf {

void* text_string(HPDF_Doc doc, const std::string& utf8) {
  const std::u32string chars = common::decode_utf8(utf8);
  if (std::all_of(chars.begin(), chars.end(), [](char32_t c) {
        return (c >= 0x20 && c <= 0x7E) || (c >= 0xA1 && c <= 0xFF && c != 0xAD);
      })) {
    std::string latin1;
    for (char32_t c : chars) latin1 += static_cast<char>(c);
    return HPDF_String_New(doc->mmgr, latin1.c_str(), nullptr);
  }
  std::string bytes = "\xFE\xFF";
  for (char32_t c : common::decode_utf8(utf8)) {
    auto unit = [&](uint32_t u) {
      bytes += static_cast<char>(u >> 8);
      bytes += static_cast<char>(u & 0xFF);
    };
    if (c >= 0x10000) {
      unit(0xD800 + ((c - 0x10000) >> 10));
      unit(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      unit(c);
    }
  }
  return HPDF_Binary_New(doc->mmgr, reinterpret_cast<HPDF_BYTE*>(bytes.data()), bytes.size());
}

HPDF_Array rect(HPDF_Doc doc, double x, double y, double w, double h) {
  HPDF_Array r = HPDF_Array_New(doc->mmgr);
  HPDF_Array_AddReal(r, x);
  HPDF_Array_AddReal(r, y);
  HPDF_Array_AddReal(r, x + w);
  HPDF_Array_AddReal(r, y + h);
  return r;
}

HPDF_Dict new_stream(HPDF_Doc doc, const std::string& content) {
  HPDF_Dict d = HPDF_DictStream_New(doc->mmgr, doc->xref);
  if (!d) throw ExportError("out of memory (PDF stream)");
  HPDF_Stream_Write(d->stream, reinterpret_cast<const HPDF_BYTE*>(content.data()), content.size());
  return d;
}

namespace {

// libharu writes /Filter only for streams it compresses itself.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

// A stream object's data, already Flate-compressed, in a libharu stream of
// our own that only reads: libharu's memory streams copy data one byte at a
// time, into the stream and again out of it when the file is saved.
struct CompressedData {
  std::string bytes;
  size_t position = 0;
};

CompressedData& data_of(HPDF_Stream stream) { return *static_cast<CompressedData*>(stream->attr); }

HPDF_STATUS read_data(HPDF_Stream stream, HPDF_BYTE* out, HPDF_UINT* size) {
  CompressedData& data = data_of(stream);
  const size_t n = std::min<size_t>(*size, data.bytes.size() - data.position);
  std::memcpy(out, data.bytes.data() + data.position, n);
  data.position += n;
  const bool short_read = n < *size;
  *size = static_cast<HPDF_UINT>(n);
  return short_read ? HPDF_STREAM_EOF : HPDF_OK;
}

HPDF_STATUS seek_data(HPDF_Stream stream, HPDF_INT position, HPDF_WhenceMode mode) {
  CompressedData& data = data_of(stream);
  const long base = mode == HPDF_SEEK_SET   ? 0
                    : mode == HPDF_SEEK_CUR ? static_cast<long>(data.position)
                                            : static_cast<long>(data.bytes.size());
  const long to = base + position;
  if (to < 0 || to > static_cast<long>(data.bytes.size()))
    return HPDF_SetError(stream->error, HPDF_STREAM_EOF, 0);
  data.position = static_cast<size_t>(to);
  return HPDF_OK;
}

HPDF_INT32 tell_data(HPDF_Stream stream) { return static_cast<HPDF_INT32>(data_of(stream).position); }

HPDF_UINT32 data_size(HPDF_Stream stream) { return static_cast<HPDF_UINT32>(data_of(stream).bytes.size()); }

void free_data(HPDF_Stream stream) {
  delete static_cast<CompressedData*>(stream->attr);
  stream->attr = nullptr;
}

// Written once (the document is saved once): the data goes as soon as it is
// in the file, while the rest is written.
HPDF_STATUS free_written_data(HPDF_Dict dict) {
  std::string().swap(data_of(dict->stream).bytes);
  data_of(dict->stream).position = 0;
  return HPDF_OK;
}

}  // namespace

void set_compressed_data(HPDF_Dict stream, const std::string& flate) {
  if (!stream->stream || stream->stream->free_fn != free_data) {
    auto* own = static_cast<HPDF_Stream>(HPDF_GetMem(stream->mmgr, sizeof(HPDF_Stream_Rec)));
    if (!own) throw ExportError("out of memory (PDF stream)");
    std::memset(own, 0, sizeof(HPDF_Stream_Rec));
    own->sig_bytes = HPDF_STREAM_SIG_BYTES;
    own->type = HPDF_STREAM_MEMORY;
    own->mmgr = stream->mmgr;
    own->error = stream->error;
    own->read_fn = read_data;
    own->seek_fn = seek_data;
    own->tell_fn = tell_data;
    own->size_fn = data_size;
    own->free_fn = free_data;
    own->attr = new CompressedData;
    HPDF_Stream_Free(stream->stream);
    stream->stream = own;
  }
  data_of(stream->stream) = CompressedData{flate, 0};
  stream->filter = HPDF_STREAM_FILTER_NONE;
  stream->write_fn = write_flate_filter;
  stream->after_write_fn = free_written_data;
}

HPDF_Dict new_compressed_stream(HPDF_Doc doc, const std::string& flate) {
  HPDF_Dict d = HPDF_DictStream_New(doc->mmgr, doc->xref);
  if (!d) throw ExportError("out of memory (PDF stream)");
  set_compressed_data(d, flate);
  return d;
}

HPDF_STATUS write_entries_and_free(HPDF_Dict dict, HPDF_Stream stream) {
  HPDF_STATUS status = HPDF_OK;
  for (HPDF_UINT i = 0; status == HPDF_OK && i < dict->list->count; ++i) {
    auto* entry = static_cast<HPDF_DictElement>(HPDF_List_ItemAt(dict->list, i));
    status = HPDF_Stream_WriteEscapeName(stream, entry->key);
    if (status == HPDF_OK) status = HPDF_Stream_WriteChar(stream, ' ');
    if (status == HPDF_OK) status = HPDF_Obj_Write(entry->value, stream, nullptr);
    if (status == HPDF_OK) status = HPDF_Stream_WriteStr(stream, "\n");
  }
  HPDF_Dict_Free(dict);
  return status;
}

void append_name(std::string& out, std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  static constexpr std::string_view kDelimiters = "\\%#/()<>[]{}";
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x21 || byte > 0x7E || kDelimiters.find(c) != std::string_view::npos) {
      out += '#';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
}

void set_print_flag(HPDF_Annotation annotation) {
  if (annotation) HPDF_Dict_AddNumber(annotation, "F", 4);
}

}  // namespace kansli::pdf
