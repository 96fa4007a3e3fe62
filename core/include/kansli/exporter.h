/* kansli exporter ABI: the one contract between the kansli host and an
 * exporter plugin (a shared library that turns a composed document into a
 * file format). Plain C, so a plugin may be built with another compiler, C++
 * runtime or language than kansli itself. docs/writing-an-exporter.md walks
 * through writing one; kansli/exporter_support.hpp does the C++ side.
 *
 * Entry point
 *   A plugin file (kansli-exporter-<id>.so) exports one C function,
 *   KANSLI_EXPORTER_ENTRY_SYMBOL:
 *
 *     KANSLI_EXPORTER_API const kansli_exporter_descriptor*
 *     kansli_exporter_entry(void);
 *
 *   It returns a pointer to a descriptor with static storage duration, or
 *   NULL when the plugin cannot work (the host then lists it as failed and
 *   loads the others). It must not throw; the host catches what it can and
 *   reports "entry point failed". The host calls it once after loading the
 *   library and checks `abi_version` before it reads anything else.
 *   An exporter linked into the core library or the program instead
 *   (KANSLI_STATIC_EXPORTERS) exports the same function under the name
 *   kansli_exporter_entry_<id>.
 *
 * Versions
 *   KANSLI_EXPORTER_ABI_VERSION is the version this header describes. A host
 *   accepts every ABI version from KANSLI_EXPORTER_ABI_MIN_VERSION up to its
 *   own and keeps loading plugins built for those older versions; it
 *   refuses, with a message ("built for exporter ABI 3, newer than this
 *   kansli supports (1-2); update kansli"), a plugin built for a newer ABI,
 *   and loads the other plugins. New versions only append members to the
 *   structs below; `struct_size` tells which members the other side knows,
 *   and neither side reads past it.
 *     ABI 1 (kansli 0.1): this header.
 *
 * Data
 *   The host passes two serialized Protobuf messages: the document IR
 *   (kansli.ir.Document, proto/kansli/ir.proto) and the source document
 *   (kansli.model.Document, proto/kansli/model.proto). A plugin may assume
 *   they parse and that the IR is complete: every word, number and date is
 *   final, the plugin only decides how blocks look. Both schemas only grow:
 *   a plugin ignores fields it does not know (Protobuf skips them) and
 *   treats an enum value it does not know as the zero value.
 *
 * Ownership
 *   Every pointer the host passes is owned by the host and valid only during
 *   the call. The plugin hands its output back through `output->write`,
 *   which copies the bytes; nothing allocated by the plugin crosses the
 *   boundary, so plugin and host may use different allocators and C++
 *   runtimes. The descriptor and its strings belong to the plugin and live
 *   as long as the library is loaded.
 *
 * Errors
 *   `render` returns 0 on success. On failure it calls `output->fail` once
 *   with a message in UTF-8 (English; "font not found: /path") and returns
 *   non-zero; the host then discards whatever was written. No C++ exception
 *   may leave `render` or the entry point.
 *
 * Threads
 *   The host may call `render` from several threads at once, each call with
 *   its own input and output. A plugin keeps no mutable global state (or
 *   guards it). The entry point may be called more than once and from any
 *   thread; it returns the same descriptor each time.
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
