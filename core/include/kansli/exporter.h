/* kansli exporter ABI: the one contract between the kansli host and an
 * exporter plugin (a shared library that turns a composed document into a
 * file format).
 *
 * Entry point
 *   A plugin exports one C function, KANSLI_EXPORTER_ENTRY_SYMBOL:
 *
 *     KANSLI_EXPORTER_API const kansli_exporter_descriptor*
 *     kansli_exporter_entry(void);
 *
 *   It returns a pointer to a descriptor with static storage duration (or
 *   NULL on failure). The host calls it once after loading the library and
 *   checks `abi_version` before it touches anything else.
 *
 * Versions
 *   KANSLI_EXPORTER_ABI_VERSION is the version this header describes. A host
 *   accepts every ABI version from KANSLI_EXPORTER_ABI_MIN_VERSION up to its
 *   own; it refuses, with a message, a plugin built for a newer ABI. New
 *   versions only append members to the structs below; `struct_size` tells
 *   which members the other side knows.
 *
 * Data
 *   The host passes two serialized Protobuf messages: the document IR
 *   (kansli.ir.Document, proto/kansli/ir.proto) and the source document
 *   (kansli.model.Document, proto/kansli/model.proto). A plugin may assume
 *   they parse; it must ignore fields it does not know (Protobuf does so).
 *
 * Ownership
 *   Every pointer the host passes is owned by the host and valid only during
 *   the call. The plugin hands its output back through `output->write`,
 *   which copies the bytes; nothing allocated by the plugin crosses the
 *   boundary, so plugin and host may use different allocators and C++
 *   runtimes.
 *
 * Errors
 *   `render` returns 0 on success. On failure it calls `output->fail` once
 *   with a message in UTF-8 (English; "font not found: /path") and returns
 *   non-zero. No C++ exception may leave `render` or the entry point.
 *
 * Threads
 *   The host may call `render` from several threads at once, each call with
 *   its own input and output. A plugin keeps no mutable global state (or
 *   guards it).
 */
#ifndef KANSLI_EXPORTER_H
#define KANSLI_EXPORTER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KANSLI_EXPORTER_ABI_VERSION 1u
#define KANSLI_EXPORTER_ABI_MIN_VERSION 1u
#define KANSLI_EXPORTER_ENTRY_SYMBOL "kansli_exporter_entry"

#if defined(_WIN32)
#define KANSLI_EXPORTER_API __declspec(dllexport)
#else
#define KANSLI_EXPORTER_API __attribute__((visibility("default")))
#endif

/* A borrowed byte range. */
typedef struct kansli_bytes {
  const uint8_t* data;
  size_t size;
} kansli_bytes;

/* One key=value option given on the command line (`-O key=value`). */
typedef struct kansli_option {
  const char* key;
  const char* value;
} kansli_option;

/* What the host hands to `render`. */
typedef struct kansli_render_input {
  /* sizeof(kansli_render_input) as the host knows it. */
  size_t struct_size;
  /* Serialized kansli.ir.Document. */
  kansli_bytes ir;
  /* Serialized kansli.model.Document. */
  kansli_bytes source;
  /* Options, `option_count` of them; keys a plugin does not know are
   * reported as an error by the plugin. */
  const kansli_option* options;
  size_t option_count;
} kansli_render_input;

/* Where `render` sends its result. */
typedef struct kansli_render_output {
  size_t struct_size;
  void* context;
  /* Appends bytes to the output. Returns 0, or non-zero when the host could
   * not take them (the plugin then stops and returns non-zero). */
  int (*write)(void* context, const void* data, size_t size);
  /* Reports why rendering failed (UTF-8, copied by the host). */
  void (*fail)(void* context, const char* message);
} kansli_render_output;

/* What a plugin is. All strings are UTF-8 and static. */
typedef struct kansli_exporter_descriptor {
  /* The ABI version the plugin was built for: KANSLI_EXPORTER_ABI_VERSION. */
  uint32_t abi_version;
  /* sizeof(kansli_exporter_descriptor) as the plugin knows it. */
  size_t struct_size;
  /* Format id used with `kansli render -f`: "pdf". Lowercase ASCII. */
  const char* id;
  /* "PDF (libharu)" */
  const char* display_name;
  /* Version of the plugin: "1.0.0". */
  const char* version;
  /* File extension without the dot: "pdf". */
  const char* file_extension;
  /* "application/pdf" */
  const char* media_type;
  /* Renders one document; see "Errors" and "Threads" above. */
  int (*render)(const kansli_render_input* input,
                const kansli_render_output* output);
} kansli_exporter_descriptor;

typedef const kansli_exporter_descriptor* (*kansli_exporter_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* KANSLI_EXPORTER_H */
