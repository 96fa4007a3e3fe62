/* Issue 6: the C API (kansli/kansli.h) used from C. Renders the example
 * given as the first argument with every exporter found, then checks each
 * error path: invalid input, unknown format, a sink that refuses, bad
 * arguments. Exits 0 when every check holds; prints each failure. */
#include <kansli/kansli.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(condition)                                                  \
  do {                                                                    \
    if (!(condition)) {                                                   \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                         \
    }                                                                     \
  } while (0)

/* A growing buffer as the sink. */
typedef struct buffer {
  char* data;
  size_t size;
  int calls;
} buffer;

static int append(void* context, const void* data, size_t size) {
  buffer* b = (buffer*)context;
  char* grown = (char*)realloc(b->data, b->size + size + 1);
  if (!grown) return 1;
  memcpy(grown + b->size, data, size);
  b->data = grown;
  b->size += size;
  b->data[b->size] = '\0';
  ++b->calls;
  return 0;
}

static int refuse(void* context, const void* data, size_t size) {
  (void)data;
  (void)size;
  ++*(int*)context;
  return 1;
}

static char* read_all(const char* path, size_t* size) {
  FILE* file = fopen(path, "rb");
  char* data = NULL;
  long length;
  if (!file) return NULL;
  if (fseek(file, 0, SEEK_END) == 0 && (length = ftell(file)) >= 0 && fseek(file, 0, SEEK_SET) == 0) {
    data = (char*)malloc((size_t)length + 1);
    if (data && fread(data, 1, (size_t)length, file) != (size_t)length) {
      free(data);
      data = NULL;
    }
    *size = (size_t)length;
  }
  fclose(file);
  return data;
}

int main(int argc, char** argv) {
  size_t size = 0, i;
  char* input;
  kansli_context* context;
  buffer json = {NULL, 0, 0}, again = {NULL, 0, 0};
  int refused = 0;
  kansli_option content_ir = {"content", "ir"};
  kansli_option unknown_option = {"färg", "blå"};

  if (argc != 2) {
    fprintf(stderr, "usage: %s EXAMPLE.txtpb\n", argv[0]);
    return 2;
  }
  input = read_all(argv[1], &size);
  if (!input) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  CHECK(strlen(kansli_version()) > 0);
  context = kansli_context_create(NULL);
  CHECK(context != NULL);
  if (!context) return 1;
  CHECK(kansli_exporter_count(context) >= 1);
  CHECK(kansli_exporter_id(context, kansli_exporter_count(context)) == NULL);

  /* Every exporter renders the example. */
  for (i = 0; i < kansli_exporter_count(context); ++i) {
    buffer out = {NULL, 0, 0};
    const char* id = kansli_exporter_id(context, i);
    const int status = kansli_render(context, input, size, KANSLI_INPUT_TEXT, id, NULL, 0, append, &out);
    if (status != KANSLI_OK) fprintf(stderr, "%s: %s\n", id, kansli_last_error(context));
    CHECK(status == KANSLI_OK);
    CHECK(out.size > 100);
    CHECK(strcmp(kansli_last_error(context), "") == 0);
    printf("%s: %lu bytes\n", id, (unsigned long)out.size);
    free(out.data);
  }

  /* JSON out, JSON back in: the same document, the same bytes. */
  CHECK(kansli_render(context, input, size, KANSLI_INPUT_TEXT, "json", NULL, 0, append, &json) == KANSLI_OK);
  CHECK(json.data != NULL && strstr(json.data, "Arbetsutskottet") != NULL);
  CHECK(kansli_render(context, json.data, json.size, KANSLI_INPUT_JSON, "json", NULL, 0, append, &again) ==
        KANSLI_OK);
  CHECK(json.size == again.size && again.data != NULL && memcmp(json.data, again.data, json.size) == 0);

  /* Options reach the exporter: content=ir gives the composed IR. */
  free(again.data);
  again.data = NULL;
  again.size = 0;
  CHECK(kansli_render(context, input, size, KANSLI_INPUT_TEXT, "json", &content_ir, 1, append, &again) ==
        KANSLI_OK);
  CHECK(again.data != NULL && strstr(again.data, "\"ir_version\"") != NULL);
  CHECK(kansli_render(context, input, size, KANSLI_INPUT_TEXT, "json", &unknown_option, 1, append, &again) ==
        KANSLI_EXPORTER_FAILED);
  CHECK(strstr(kansli_last_error(context), "unknown option") != NULL);

  /* An extract (a protokollsutdrag of item 21) takes options too; an item
   * the record lacks is invalid input. */
  {
    static const unsigned items[] = {21};
    static const unsigned missing[] = {40};
    buffer whole = {NULL, 0, 0}, extract = {NULL, 0, 0}, none = {NULL, 0, 0};
    CHECK(kansli_render(context, input, size, KANSLI_INPUT_TEXT, "json", &content_ir, 1, append, &whole) ==
          KANSLI_OK);
    CHECK(kansli_render_extract(context, input, size, KANSLI_INPUT_TEXT, "json", items, 1, &content_ir, 1, append,
                                &extract) == KANSLI_OK);
    CHECK(extract.data != NULL && strstr(extract.data, "\"ir_version\"") != NULL);
    CHECK(strstr(extract.data, "utdrag-intygas-") != NULL && strstr(whole.data, "utdrag-intygas-") == NULL);
    CHECK(extract.size < whole.size);
    CHECK(kansli_render_extract(context, input, size, KANSLI_INPUT_TEXT, "json", missing, 1, NULL, 0, append,
                                &none) == KANSLI_INVALID_INPUT);
    CHECK(none.calls == 0 && strlen(kansli_last_error(context)) > 0);
    CHECK(kansli_render_extract(context, input, size, KANSLI_INPUT_TEXT, "json", NULL, 1, NULL, 0, append,
                                &none) == KANSLI_USAGE);
    free(whole.data);
    free(extract.data);
  }

  /* kansli_render_with: the copy for signing by default, the reproduction
   * when asked, a form the record lacks the data for, an unknown form. */
  {
    kansli_render_options render;
    buffer copy = {NULL, 0, 0}, reproduction = {NULL, 0, 0}, none = {NULL, 0, 0};
    kansli_render_options_init(&render);
    CHECK(render.struct_size == sizeof render && render.form == KANSLI_FORM_RECORD &&
          render.reproduction == 0);
    CHECK(kansli_render_with(context, input, size, KANSLI_INPUT_TEXT, "json", &render, &content_ir, 1, append,
                             &copy) == KANSLI_OK);
    render.reproduction = 1;
    render.public_version = 1;
    CHECK(kansli_render_with(context, input, size, KANSLI_INPUT_TEXT, "json", &render, &content_ir, 1, append,
                             &reproduction) == KANSLI_OK);
    CHECK(copy.data != NULL && strstr(copy.data, "Transaktions-ID") == NULL);
    CHECK(reproduction.data != NULL && strstr(reproduction.data, "Transaktions-ID") != NULL);
    CHECK(strstr(reproduction.data, "(offentlig version)") != NULL);
    render.form = KANSLI_FORM_ANSLAGSBEVIS;
    CHECK(kansli_render_with(context, input, size, KANSLI_INPUT_TEXT, "json", &render, NULL, 0, append,
                             &none) == KANSLI_INVALID_INPUT);
    CHECK(strstr(kansli_last_error(context), "anslagsbevis needs the date") != NULL);
    render.form = KANSLI_FORM_KALLELSE;
    CHECK(kansli_render_with(context, input, size, KANSLI_INPUT_TEXT, "json", &render, NULL, 0, append,
                             &none) == KANSLI_INVALID_INPUT);
    CHECK(strstr(kansli_last_error(context), "a kallelse calls no one") != NULL);
    render.form = (kansli_form)7;
    CHECK(kansli_render_with(context, input, size, KANSLI_INPUT_TEXT, "json", &render, NULL, 0, append,
                             &none) == KANSLI_USAGE);
    CHECK(none.calls == 0);
    free(copy.data);
    free(reproduction.data);
  }

  /* Invalid input: a parse error with a place; the sink is never called. */
  {
    static const char broken[] = "organisation { name: \"Förbundet\" \n meeting_record { !!! }";
    buffer out = {NULL, 0, 0};
    CHECK(kansli_render(context, broken, sizeof broken - 1, KANSLI_INPUT_TEXT, "json", NULL, 0, append, &out) ==
          KANSLI_INVALID_INPUT);
    CHECK(strncmp(kansli_last_error(context), "input:", 6) == 0);
    CHECK(out.calls == 0);
    /* The same text claimed to be binary or JSON fails too. */
    CHECK(kansli_render(context, broken, sizeof broken - 1, KANSLI_INPUT_JSON, "json", NULL, 0, append, &out) ==
          KANSLI_INVALID_INPUT);
    CHECK(out.calls == 0);
  }

  /* An unknown format, a sink that refuses, bad arguments. */
  CHECK(kansli_render(context, input, size, KANSLI_INPUT_TEXT, "odt", NULL, 0, append, &json) ==
        KANSLI_EXPORTER_FAILED);
  CHECK(strstr(kansli_last_error(context), "no exporter 'odt'") != NULL);
  CHECK(kansli_render(context, input, size, KANSLI_INPUT_TEXT, "json", NULL, 0, refuse, &refused) ==
        KANSLI_OUTPUT_FAILED);
  CHECK(refused == 1);
  CHECK(strlen(kansli_last_error(context)) > 0);
  CHECK(kansli_render(context, input, size, KANSLI_INPUT_TEXT, NULL, NULL, 0, append, &json) == KANSLI_USAGE);
  CHECK(kansli_render(context, input, size, (kansli_input_format)7, "json", NULL, 0, append, &json) == KANSLI_USAGE);
  CHECK(kansli_render(NULL, input, size, KANSLI_INPUT_TEXT, "json", NULL, 0, append, &json) == KANSLI_USAGE);

  kansli_context_destroy(context);
  kansli_context_destroy(NULL);
  free(json.data);
  free(again.data);
  free(input);
  if (failures) fprintf(stderr, "%d checks failed\n", failures);
  return failures ? 1 : 0;
}
