/* kansli C API: embed kansli in another program. Render a meeting record
 * or annual report, given as bytes, with any exporter (pdf, docx, json, a
 * third party's).
 * Plain C; no C++ type and no exception crosses it. docs/embedding.md has a
 * complete example. Link with -lkansli_core (pkg-config kansli).
 *
 *   kansli_context* k = kansli_context_create(NULL);
 *   if (kansli_render(k, bytes, size, KANSLI_INPUT_TEXT, "pdf", NULL, 0,
 *                     write_to_file, file) != KANSLI_OK)
 *     fprintf(stderr, "%s\n", kansli_last_error(k));
 *   kansli_context_destroy(k);
 *
 * Threads: one context may render from several threads at once; keep it
 * for many documents: it stays warm, each exporter loaded once, when first
 * used (docs/embedding.md shows the pattern). kansli_last_error is per
 * thread. Renders with an exporter running in a worker process
 * (isolation) take turns; in-process exporters (kansli's own) run in
 * parallel. Only kansli_context_destroy must wait until no other call on
 * the context runs. Separate contexts are independent.
 *
 * Text: every string handed to the caller is valid UTF-8 (invalid
 * sequences in an exporter's message are replaced by U+FFFD).
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
  KANSLI_EXPORTER_FAILED = 3,  /* no such exporter, or it failed */
  KANSLI_OUTPUT_FAILED = 4     /* the sink refused the bytes */
} kansli_status;

/* Receives the rendered file: called one or more times with consecutive
 * pieces, only after rendering has succeeded. `data` is valid during the
 * call only. Returns 0, or non-zero to stop (kansli_render then returns
 * KANSLI_OUTPUT_FAILED). */
typedef int (*kansli_sink)(void* sink_context, const void* data, size_t size);

/* The kansli version: "0.1.0". Static. */
KANSLI_API const char* kansli_version(void);

/* Where an exporter runs (kansli_context_options.isolation). */
typedef enum kansli_isolation {
  /* In a worker process for plugins outside kansli's own plugin
   * directories; in this process for kansli's own and built-in ones. */
  KANSLI_ISOLATE_AUTO = 0,
  /* Every plugin in a worker process. */
  KANSLI_ISOLATE_ALWAYS = 1,
  /* Every plugin in this process (fastest; a crashing plugin then takes
   * this process with it). */
  KANSLI_ISOLATE_NEVER = 2
} kansli_isolation;

/* How a context finds and runs exporters. Fill with
 * kansli_context_options_init, then change what you need. */
typedef struct kansli_context_options {
  /* sizeof(kansli_context_options) as the caller knows it. */
  size_t struct_size;
  /* ':'-separated plugin directories searched first; NULL for none. */
  const char* plugin_path;
  /* Non-zero: also search KANSLI_PLUGIN_PATH of the environment. */
  int use_environment;
  /* Non-zero: also search kansli's own plugin directory (the
   * installation's) and use the exporters linked into the library. */
  int use_default_path;
  kansli_isolation isolation;
  /* Limits of an exporter running in a worker: wall-clock seconds per call
   * and bytes of address space it may add. 0: the defaults (60 s, 2 GiB). */
  double time_limit_seconds;
  unsigned long long memory_limit_bytes;
} kansli_context_options;

/* Defaults: no plugin_path, environment and default path searched,
 * KANSLI_ISOLATE_AUTO, default limits. */
KANSLI_API void kansli_context_options_init(kansli_context_options* options);

/* Creates a context that finds exporters as `options` says (NULL: the
 * defaults). An embedding program that must not load code chosen by its
 * user's environment sets use_environment = 0 (and use_default_path = 0 to
 * name every directory itself). Exporters are loaded when first used.
 * Plugins refused for loose permissions are reported on stderr, once.
 * Returns NULL when out of memory or when `options` is unusable. */
KANSLI_API kansli_context* kansli_context_create_with(const kansli_context_options* options);

/* kansli_context_create_with with the defaults and `plugin_path`
 * (':'-separated directories searched first; NULL or "" for none). */
KANSLI_API kansli_context* kansli_context_create(const char* plugin_path);

/* Destroys a context; NULL is ignored. */
KANSLI_API void kansli_context_destroy(kansli_context* context);

/* The number of usable exporters, and the id of the one at `index`
 * ("pdf"), or NULL past the end. Valid until the context is destroyed.
 * The first call tries every plugin in the search path. */
KANSLI_API size_t kansli_exporter_count(const kansli_context* context);
KANSLI_API const char* kansli_exporter_id(const kansli_context* context, size_t index);

/* Validates and composes the document in `input` (`input_size` bytes,
 * encoded as `input_format`) and renders it with the exporter whose id is
 * `exporter`, passing `option_count` exporter options. The result goes
 * to `sink`; on failure the sink is never called and kansli_last_error says
 * why. An exporter that crashes, exits, hangs or exceeds its memory limit
 * in a worker is such a failure (KANSLI_EXPORTER_FAILED); the context stays
 * usable. Returns a kansli_status. */
KANSLI_API int kansli_render(kansli_context* context, const void* input, size_t input_size,
                             kansli_input_format input_format, const char* exporter,
                             const kansli_option* options, size_t option_count, kansli_sink sink,
                             void* sink_context);

/* kansli_render for a protokollsutdrag: only the items numbered `items`
 * (`item_count` numbers, as printed: 21, 22; the CLI's --extract). The
 * items must exist in the record (KANSLI_INVALID_INPUT otherwise);
 * item_count 0 renders the whole document, as kansli_render. */
KANSLI_API int kansli_render_extract(kansli_context* context, const void* input, size_t input_size,
                                     kansli_input_format input_format, const char* exporter,
                                     const unsigned* items, size_t item_count, const kansli_option* options,
                                     size_t option_count, kansli_sink sink, void* sink_context);

/* Renders every later kansli_render on this context in the house style of
 * the text-format file `style_file` (kansli.model.HouseStyle,
 * docs/house-style.md; the CLI's --style), replacing the documents' own
 * organisation.style; NULL or "" goes back to the documents' own. Paths in
 * the style are relative to its folder. Returns KANSLI_OK, or
 * KANSLI_INVALID_INPUT with kansli_last_error naming the file, line and
 * column (the context keeps its previous style). A render uses the style
 * set when it starts; renders running meanwhile keep theirs. */
KANSLI_API int kansli_context_set_style(kansli_context* context, const char* style_file);
/* What a meeting record is rendered as (the CLI's --form;
 * docs/meeting-life.md). */
typedef enum kansli_form {
  KANSLI_FORM_RECORD = 0,      /* the protokoll or minnesanteckningar */
  KANSLI_FORM_KALLELSE = 1,    /* the kallelse with the föredragningslista */
  KANSLI_FORM_ANSLAGSBEVIS = 2 /* the anslagsbevis of a protokoll */
} kansli_form;

/* How kansli_render_with composes the document. Fill with
 * kansli_render_options_init, then change what you need. */
typedef struct kansli_render_options {
  /* sizeof(kansli_render_options) as the caller knows it. */
  size_t struct_size;
  kansli_form form;
  /* Non-zero: a reproduction of the signed original, with the record of
   * completed electronic signatures (the CLI's --reproduction); 0: the
   * copy for signing, without it. */
  int reproduction;
  /* Non-zero: the public version, with everything marked confidential
   * withheld (the CLI's --public). */
  int public_version;
  /* item_count item numbers for a protokollsutdrag (as
   * kansli_render_extract); 0 and NULL for the whole record. */
  const unsigned* items;
  size_t item_count;
} kansli_render_options;

/* Defaults: KANSLI_FORM_RECORD, the copy for signing, not public, the
 * whole record. */
KANSLI_API void kansli_render_options_init(kansli_render_options* options);

/* kansli_render, composed as `render_options` says (NULL: the defaults).
 * A form the record cannot be made into, or an unknown form, fails with
 * KANSLI_INVALID_INPUT or KANSLI_USAGE and kansli_last_error says why. */
KANSLI_API int kansli_render_with(kansli_context* context, const void* input, size_t input_size,
                                  kansli_input_format input_format, const char* exporter,
                                  const kansli_render_options* render_options, const kansli_option* options,
                                  size_t option_count, kansli_sink sink, void* sink_context);

/* Why the calling thread's last kansli_render (or kansli_render_extract,
 * kansli_render_with, kansli_context_set_style) on this context failed
 * (UTF-8, one problem per line, "input:12:5: ..."), or "" after a success.
 * Valid until this thread's next call on the context; other threads' calls
 * do not touch it. */
KANSLI_API const char* kansli_last_error(const kansli_context* context);

#ifdef __cplusplus
}
#endif

#endif /* KANSLI_KANSLI_H */
