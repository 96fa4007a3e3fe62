/* kansli exporter ABI: the one contract between the kansli host and an
 * exporter (which turns a composed document into one kind of file), carried
 * by a plugin (the shared library). Plain C, so a plugin may be built with another compiler, C++
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
 *   NULL when the plugin cannot work (the host then reports it as failed).
 *   It must not throw; the host catches what it can and reports "entry point
 *   failed". The host calls it once after loading the library and checks
 *   `abi_version` before it reads anything else. The file is named
 *   kansli-exporter-<id>.so after the exporter's id: the host loads only the
 *   file of the exporter it is asked for (`kansli plugins` tries them all).
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
 *     ABI 1 (kansli 0.1): the descriptor up to `render`.
 *     ABI 2 (kansli 0.1): the descriptor gains `ir_version` and `reads`.
 *
 * The ABI promise (what a plugin built once may rely on)
 *   1. Across this C header, a plugin built for any ABI version from
 *      KANSLI_EXPORTER_ABI_MIN_VERSION on keeps loading in newer hosts.
 *   2. The Protobuf data is versioned by KANSLI_IR_VERSION, raised whenever
 *      ir.proto or model.proto changes. On the wire the schemas only grow,
 *      so an exporter that parses the bytes with its own code (another
 *      language, another Protobuf runtime, generated from the installed
 *      .proto files) keeps working with newer hosts.
 *   3. The C++ classes of the schemas (kansli/ir.pb.h, libkansli_proto) are
 *      not stable: a new field changes their layout. libkansli_proto's
 *      SOVERSION therefore is KANSLI_IR_VERSION (libkansli_proto.so.2). A
 *      plugin that links another libkansli_proto than the host's is never
 *      loaded into the host process: in-process the host refuses it
 *      ("built against another IR schema (libkansli_proto.so.1); this
 *      kansli has IR schema 2 ...: rebuild the plugin ..."); isolated (the
 *      default for plugins outside kansli's own directories, or kansli
 *      render --isolate) it runs in a worker process beside its own old
 *      libkansli_proto.
 *   4. A document whose IR uses a feature (a block kind) the exporter does
 *      not declare in `reads` is refused ("does not read table_of_contents
 *      used by this document ..."), never silently shortened.
 *   Never undefined behaviour: a plugin either works or is refused with a
 *   message.
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
 *   `render` returns 0 on success, having written at least one byte. On
 *   failure it calls `output->fail` once with a message in UTF-8 (English;
 *   "font not found: /path") and returns non-zero; the host then discards
 *   whatever was written. No C++ exception may leave `render` or the entry
 *   point.
 *
 * What the host checks (each a failure of the exporter, reported with its
 * id; nothing is written)
 *   - `id` and `file_extension` match [a-z0-9][a-z0-9_-]{0,31}; every
 *     descriptor string is non-NULL valid UTF-8.
 *   - `write` with data NULL and size > 0, or more than
 *     KANSLI_EXPORTER_MAX_OUTPUT bytes in all.
 *   - `fail` with NULL or invalid UTF-8 (the message is repaired, U+FFFD),
 *     a non-zero return without `fail`, `fail` with a zero return, success
 *     with nothing written.
 *   - A plugin writes its output only through `write`: what it prints on
 *     standard output goes to standard error.
 *   An exporter that runs isolated (in the worker kansli-exporter-worker)
 *   may also crash, exit, hang or allocate without bound: the host reports
 *   "crashed", "ended the process", "did not finish within the time limit"
 *   or "exceeded the memory limit" and carries on. In-process, an exit()
 *   or a crash is still named on stderr, but ends the host.
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

#define KANSLI_EXPORTER_ABI_VERSION 2u
#define KANSLI_EXPORTER_ABI_MIN_VERSION 1u
#define KANSLI_EXPORTER_ENTRY_SYMBOL "kansli_exporter_entry"

/* The version of the schemas (proto/kansli/ir.proto and model.proto) this
 * header ships with, and libkansli_proto's SOVERSION. kansli.ir.Document
 * carries it in `ir_version`. */
#define KANSLI_IR_VERSION 2u
/* The features (block kinds, the names of kansli.ir.Block's `content`
 * fields) of IR version KANSLI_IR_VERSION, space-separated. An exporter
 * that reads them all puts this in `reads`. */
#define KANSLI_IR_FEATURES "heading paragraph list table signatures page_break table_of_contents"
/* The features of IR version 1: what a plugin of ABI 1 is taken to read. */
#define KANSLI_IR_FEATURES_V1 "heading paragraph list table signatures page_break table_of_contents"
/* The most output the host takes from one render: 1 GiB. */
#define KANSLI_EXPORTER_MAX_OUTPUT ((size_t)1 << 30)

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
  /* The exporter's id, used with `kansli render -f`: "pdf".
   * [a-z0-9][a-z0-9_-]{0,31}; the plugin file is kansli-exporter-<id>.so. */
  const char* id;
  /* "PDF (libharu)" */
  const char* display_name;
  /* Version of the plugin: "1.0.0". */
  const char* version;
  /* File extension without the dot: "pdf". [a-z0-9][a-z0-9_-]{0,31}. */
  const char* file_extension;
  /* "application/pdf" */
  const char* media_type;
  /* Renders one document; see "Errors" and "Threads" above. */
  int (*render)(const kansli_render_input* input,
                const kansli_render_output* output);
  /* ABI 2. The IR version the plugin was built against: KANSLI_IR_VERSION. */
  uint32_t ir_version;
  /* ABI 2. The features the exporter reads, space-separated
   * (KANSLI_IR_FEATURES, or fewer); NULL: those of `ir_version`. */
  const char* reads;
} kansli_exporter_descriptor;

typedef const kansli_exporter_descriptor* (*kansli_exporter_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* KANSLI_EXPORTER_H */
