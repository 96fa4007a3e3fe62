/* kansli C API: embed kansli in another program. Render a meeting record
 * or annual report, given as bytes, to any format an exporter provides.
 * Plain C; no C++ type and no exception crosses it. docs/embedding.md has a
 * complete example. Link with -lkansli_core (pkg-config kansli).
 *
 *   kansli_context* k = kansli_context_create(NULL);
 *   if (kansli_render(k, bytes, size, KANSLI_INPUT_TEXT, "pdf", NULL, 0,
 *                     write_to_file, file) != KANSLI_OK)
 *     fprintf(stderr, "%s\n", kansli_last_error(k));
 *   kansli_context_destroy(k);
 *
 * Threads: a context is used by one thread at a time; separate contexts
 * may be used from separate threads at once (create one per thread).
 */
#ifndef KANSLI_KANSLI_H
#define KANSLI_KANSLI_H

#include <kansli/exporter.h> /* kansli_option */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define KANSLI_API __declspec(dllexport)
#else
#define KANSLI_API __attribute__((visibility("default")))
#endif

/* Holds the loaded exporters and the last error. Opaque. */
typedef struct kansli_context kansli_context;

/* How the input bytes are encoded (the Protobuf encodings of
 * kansli.model.Document, proto/kansli/model.proto). */
typedef enum kansli_input_format {
  KANSLI_INPUT_TEXT = 0,   /* text format, as in examples/ *.txtpb */
  KANSLI_INPUT_JSON = 1,   /* proto3 JSON */
  KANSLI_INPUT_BINARY = 2  /* binary wire format */
} kansli_input_format;

/* Results; the same numbers as the exit codes of the kansli CLI. */
typedef enum kansli_status {
  KANSLI_OK = 0,
  KANSLI_INVALID_INPUT = 1,    /* the input does not parse or validate */
  KANSLI_USAGE = 2,            /* a bad argument (NULL, unknown input format) */
  KANSLI_EXPORTER_FAILED = 3,  /* no exporter for the format, or it failed */
  KANSLI_OUTPUT_FAILED = 4     /* the sink refused the bytes */
} kansli_status;

/* Receives the rendered file: called one or more times with consecutive
 * pieces, only after rendering has succeeded. `data` is valid during the
 * call only. Returns 0, or non-zero to stop (kansli_render then returns
 * KANSLI_OUTPUT_FAILED). */
typedef int (*kansli_sink)(void* sink_context, const void* data, size_t size);

/* The kansli version: "0.1.0". Static. */
KANSLI_API const char* kansli_version(void);

/* Creates a context and loads the exporters: first from `plugin_path`
 * (':'-separated directories; NULL or "" for none), then from the default
 * search path (KANSLI_PLUGIN_PATH, the installation). Plugins refused for
 * loose permissions are reported on stderr. Returns NULL only when out of
 * memory. */
KANSLI_API kansli_context* kansli_context_create(const char* plugin_path);

/* Destroys a context; NULL is ignored. */
KANSLI_API void kansli_context_destroy(kansli_context* context);

/* The number of usable exporters, and the format id of the one at `index`
 * ("pdf"), or NULL past the end. Valid until the context is destroyed. */
KANSLI_API size_t kansli_exporter_count(const kansli_context* context);
KANSLI_API const char* kansli_exporter_id(const kansli_context* context, size_t index);

/* Validates and composes the document in `input` (`input_size` bytes,
 * encoded as `input_format`) and renders it with the exporter whose id is
 * `output_format`, passing `option_count` exporter options. The result goes
 * to `sink`; on failure the sink is never called and kansli_last_error says
 * why. Returns a kansli_status. */
KANSLI_API int kansli_render(kansli_context* context, const void* input, size_t input_size,
                             kansli_input_format input_format, const char* output_format,
                             const kansli_option* options, size_t option_count, kansli_sink sink,
                             void* sink_context);

/* Why the last kansli_render on this context failed (UTF-8, one problem per
 * line, "input:12:5: ..."), or "" after a success. Valid until the next
 * call on the context. */
KANSLI_API const char* kansli_last_error(const kansli_context* context);

#ifdef __cplusplus
}
#endif

#endif /* KANSLI_KANSLI_H */
