// kansli: render and validate meeting records.
#include <fmt/core.h>
#include <kansli/kansli.h>
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <kansli/load.hpp>
#include <kansli/output_file.hpp>
#include <kansli/plugin_host.hpp>
#include <kansli/render.hpp>
#include <kansli/validate.hpp>
#include <optional>

#include "batch.hpp"
#include "manifest.hpp"

namespace {

// Exit codes, the same numbers as the C API's statuses (kansli.h);
// documented in the README and `kansli --help`.
enum Exit : int {
  kOk = KANSLI_OK,
  kInvalidInput = KANSLI_INVALID_INPUT,
  kUsage = KANSLI_USAGE,
  kExporterFailed = KANSLI_EXPORTER_FAILED,
  kOutputFailed = KANSLI_OUTPUT_FAILED,
};

constexpr const char* kExitCodes =
    "Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 exporter failure, 4 output not written.";

void print_problems(const kansli::Problems& problems) {
  for (const auto& problem : problems) fmt::print(stderr, "{}\n", problem.to_string());
}

// "21,22" or "18-20,23": item numbers as a §-list. Throws
// std::invalid_argument for anything else, including ranges larger than any
// record holds.
std::vector<unsigned> parse_extract(const std::string& text) {
  constexpr unsigned long kMaxNumber = 999999;  // validate.cc's limit on item numbers
  auto number = [](const std::string& s) -> unsigned {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 6)
      throw std::invalid_argument(s);
    const unsigned long value = std::stoul(s);
    if (value == 0 || value > kMaxNumber) throw std::invalid_argument(s);
    return static_cast<unsigned>(value);
  };
  std::vector<unsigned> numbers;
  size_t pos = 0;
  while (true) {
    const size_t comma = text.find(',', pos);
    const std::string part = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    const size_t dash = part.find('-');
    if (dash == std::string::npos) {
      numbers.push_back(number(part));
    } else {
      const unsigned first = number(part.substr(0, dash)), last = number(part.substr(dash + 1));
      if (last < first || last - first > 1000) throw std::invalid_argument(part);
      for (unsigned n = first; n <= last; ++n) numbers.push_back(n);
    }
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return numbers;
}

// How exporters run: --isolation, --isolate, --time-limit, --memory-limit.
struct IsolationArgs {
  std::string isolation = "auto";
  bool isolate = false;
  double time_limit = 0;    // seconds; 0: the default
  double memory_limit = 0;  // MiB; 0: the default
};

// The plugin host for these arguments, or nullopt after printing why not.
std::optional<kansli::HostOptions> host_options(const IsolationArgs& args, const char* command) {
  kansli::HostOptions options;
  options.directories = kansli::PluginHost::default_search_path();
  if (args.isolation == "never")
    options.isolation = kansli::Isolation::never;
  else if (args.isolation == "always")
    options.isolation = kansli::Isolation::always;
  const bool limited = args.time_limit > 0 || args.memory_limit > 0;
  if (args.isolate || (limited && args.isolation == "auto")) options.isolation = kansli::Isolation::always;
  if (limited && options.isolation == kansli::Isolation::never) {
    fmt::print(stderr, "kansli {}: --time-limit and --memory-limit need isolation, not --isolation never\n",
               command);
    return std::nullopt;
  }
  if (args.time_limit > 0)
    options.time_limit = std::chrono::milliseconds(std::max(1L, std::lround(args.time_limit * 1000)));
  if (args.memory_limit > 0)
    options.memory_limit = static_cast<std::uint64_t>(args.memory_limit * 1024 * 1024);
  return options;
}

void add_isolation_options(CLI::App* command, IsolationArgs& args) {
  command
      ->add_option("--isolation", args.isolation,
                   "Where exporters run: auto (a worker process for plugins outside kansli's own plugin "
                   "directories), always (every plugin in a worker), never (all in this process)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  command->add_flag("--isolate", args.isolate, "Same as --isolation always");
  command
      ->add_option("--time-limit", args.time_limit,
                   "Seconds an isolated exporter may take per call (default 60); implies --isolate")
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--memory-limit", args.memory_limit,
                   "MiB of memory an isolated exporter may add (default 2048); implies --isolate")
      ->check(CLI::PositiveNumber);
}

// --form: what a meeting record is rendered as.
void add_form_option(CLI::App* command, std::string& form) {
  command
      ->add_option("--form", form,
                   "What to make of a meeting record: record (the protokoll or minnesanteckningar), "
                   "kallelse (before the meeting), anslagsbevis (after the justering)")
      ->check(CLI::IsMember({"record", "kallelse", "anslagsbevis"}))
      ->capture_default_str();
}

// What `kansli render` was given.
struct RenderArgs {
  std::vector<std::string> inputs;
  std::string exporter_id, output, outdir, extract, style, manifest;
  std::vector<std::string> option_args;
  // --form, --reproduction, --public (docs/meeting-life.md).
  std::string form = "record";
  bool reproduction = false, public_version = false;
  unsigned jobs = 0;
  IsolationArgs isolation;
};

// -O and --extract as the pipeline takes them, or false after printing why not.
bool parse_render_options(const RenderArgs& args, std::map<std::string, std::string>& options,
                          kansli::ComposeOptions& compose_options) {
  for (const auto& arg : args.option_args) {
    const size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) {
      fmt::print(stderr, "kansli render: option '{}' is not KEY=VALUE\n", arg);
      return false;
    }
    options[arg.substr(0, eq)] = arg.substr(eq + 1);
  }
  compose_options.form = kansli::parse_form(args.form).value_or(kansli::Form::record);
  compose_options.reproduction = args.reproduction;
  compose_options.public_version = args.public_version;
  if (!args.extract.empty()) {
    try {
      compose_options.extract_items = parse_extract(args.extract);
    } catch (const std::exception&) {
      fmt::print(stderr, "kansli render: --extract takes item numbers like 21,22 or 18-20, not '{}'\n",
                 args.extract);
      return false;
    }
  }
  return true;
}

// --style FILE into the compose options: kOk, or kInvalidInput after
// printing the style file's problems.
int load_style(const RenderArgs& args, kansli::ComposeOptions& compose_options) {
  if (args.style.empty()) return kOk;
  auto style = kansli::load_style_file(args.style);
  if (!style) {
    print_problems(style.problems);
    return kInvalidInput;
  }
  compose_options.style = std::make_shared<const kansli::LoadedStyle>(std::move(*style));
  return kOk;
}

// -f as a list of exporter ids ("pdf,docx"); empty: none given; nullopt
// after printing why it is not a list.
std::optional<std::vector<std::string>> exporter_ids(const std::string& ids) {
  std::vector<std::string> out;
  for (size_t pos = 0; !ids.empty() && pos <= ids.size();) {
    const size_t comma = std::min(ids.find(',', pos), ids.size());
    if (comma == pos) {
      fmt::print(stderr, "kansli render: -f takes exporter ids like pdf,docx, not '{}'\n", ids);
      return std::nullopt;
    }
    out.push_back(ids.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return out;
}

// INPUT... --outdir DIR: every input with every exporter of -f (a comma
// list); --manifest FILE: every document the manifest names, with the
// formats it names unless -f is given.
int run_render_batch(const RenderArgs& args) {
  if (!args.output.empty()) {
    fmt::print(stderr, "kansli render: -o and --outdir exclude each other\n");
    return kUsage;
  }
  kansli::cli::BatchRequest request;
  if (!parse_render_options(args, request.exporter_options, request.compose_options)) return kUsage;
  if (int failed = load_style(args, request.compose_options)) return failed;
  auto settings = host_options(args.isolation, "render");
  if (!settings) return kUsage;
  request.host_options = std::move(*settings);
  request.inputs = args.inputs;
  request.outdir = args.outdir;
  request.jobs = args.jobs;
  auto ids = exporter_ids(args.exporter_id);
  if (!ids) return kUsage;
  request.exporter_ids = std::move(*ids);
  if (!args.manifest.empty()) {
    auto manifest = kansli::cli::load_manifest(args.manifest, request.compose_options);
    if (!manifest) {
      print_problems(manifest.problems);
      return kInvalidInput;
    }
    request.documents = std::move(manifest->documents);
    if (request.exporter_ids.empty()) request.exporter_ids = std::move(manifest->exporter_ids);
  }
  if (request.exporter_ids.empty()) request.exporter_ids = {"pdf"};
  return kansli::cli::run_batch(request);
}

int run_render(const RenderArgs& args) {
  if (!args.manifest.empty() && args.outdir.empty()) {
    fmt::print(stderr, "kansli render: --manifest needs --outdir DIR\n");
    return kUsage;
  }
  if (!args.manifest.empty() && !args.extract.empty()) {
    fmt::print(stderr, "kansli render: with --manifest, each document names its extract in the manifest\n");
    return kUsage;
  }
  if (!args.outdir.empty()) return run_render_batch(args);
  if (args.inputs.empty()) {
    fmt::print(stderr, "kansli render: give an INPUT document (or --manifest FILE --outdir DIR)\n");
    return kUsage;
  }
  if (args.inputs.size() != 1) {
    fmt::print(stderr, "kansli render: several inputs need --outdir DIR\n");
    return kUsage;
  }
  const std::string& input = args.inputs.front();
  std::string exporter_id = args.exporter_id, output = args.output;
  std::map<std::string, std::string> options;
  kansli::ComposeOptions compose_options;
  if (!parse_render_options(args, options, compose_options)) return kUsage;
  if (int failed = load_style(args, compose_options)) return failed;

  auto settings = host_options(args.isolation, "render");
  if (!settings) return kUsage;
  kansli::PluginHost host(std::move(*settings), [](const std::string& message) {
    fmt::print(stderr, "kansli: warning: {}\n", message);
  });
  // Only the exporter asked for is loaded.
  const kansli::Plugin* exporter = nullptr;
  if (exporter_id.empty() && !output.empty() && output != "-") {
    const std::string extension = std::filesystem::path(output).extension().string();
    if (extension.size() > 1) exporter = host.exporter_for_extension(extension.substr(1));
    if (!exporter) {
      fmt::print(stderr,
                 "kansli render: no exporter writes '{}' files; name one with -f (see kansli plugins)\n",
                 extension);
      return kUsage;
    }
  } else {
    if (exporter_id.empty()) exporter_id = "pdf";
    exporter = host.exporter(exporter_id);
    if (!exporter) {
      fmt::print(stderr, "kansli render: {}\n", host.why_not(exporter_id));
      return kExporterFailed;
    }
  }

  auto document = kansli::load_document_file(input);
  if (!document) {
    print_problems(document.problems);
    return kInvalidInput;
  }
  auto outcome = kansli::render(std::move(*document), *exporter, compose_options, options);
  if (outcome.failure == kansli::Failure::exporter_failed) {
    fmt::print(stderr, "{}: {}\n", input, outcome.problems.front().message);
    return kExporterFailed;
  }
  if (!outcome) {
    print_problems(outcome.problems);
    return kInvalidInput;
  }
  if (output == "-") {
    if (std::fwrite(outcome.value.data(), 1, outcome.value.size(), stdout) != outcome.value.size() ||
        std::fflush(stdout) != 0) {
      fmt::print(stderr, "kansli render: cannot write to standard output\n");
      return kOutputFailed;
    }
    return kOk;
  }
  if (output.empty())
    output = std::filesystem::path(input).replace_extension(exporter->file_extension).string();
  if (std::error_code ec; std::filesystem::equivalent(input, output, ec)) {
    fmt::print(stderr, "kansli render: the output {} is the input; give another -o\n", output);
    return kUsage;
  }
  if (auto problems = kansli::write_file_atomically(output, outcome.value); !problems.empty()) {
    fmt::print(stderr, "kansli render: {}\n", problems.front().message);
    return kOutputFailed;
  }
  return kOk;
}

int run_validate(const std::vector<std::string>& inputs, const std::string& form) {
  kansli::ComposeOptions options;
  options.form = kansli::parse_form(form).value_or(kansli::Form::record);
  int status = kOk;
  for (const auto& input : inputs) {
    auto document = kansli::load_document_file(input);
    const kansli::Problems problems = document ? kansli::validate(*document, options) : document.problems;
    if (problems.empty()) {
      fmt::print("{}: ok\n", input);
    } else {
      print_problems(problems);
      status = kInvalidInput;
    }
  }
  if (std::fflush(stdout) != 0) {
    fmt::print(stderr, "kansli validate: cannot write to standard output\n");
    return kOutputFailed;
  }
  return status;
}

int run_plugins(const IsolationArgs& isolation) {
  auto settings = host_options(isolation, "plugins");
  if (!settings) return kUsage;
  const auto directories = settings->directories;
  kansli::PluginHost host(std::move(*settings), [](const std::string& message) {
    fmt::print(stderr, "kansli: warning: {}\n", message);
  });
  const auto& plugins = host.load_all();
  if (plugins.empty()) {
    fmt::print("no exporters found; searched:\n");
    for (const auto& directory : directories) fmt::print("  {}\n", directory.string());
    return kOk;
  }
  struct Row {
    std::string id, name, version, abi, extension, where, note;
  };
  std::vector<Row> rows{{"ID", "NAME", "VERSION", "ABI", "EXT", "PATH", ""}};
  for (const kansli::Plugin* plugin : plugins) {
    const std::string abi = plugin->abi_version ? std::to_string(plugin->abi_version) : "-";
    const std::string where = plugin->built_in   ? "(built-in)"
                              : plugin->isolated ? plugin->path.string() + " (isolated)"
                                                 : plugin->path.string();
    if (!plugin->error.empty())
      rows.push_back({"-", "(not loaded)", "-", abi, "-", where, "error: " + plugin->error});
    else
      rows.push_back({plugin->id, plugin->display_name, plugin->version, abi, plugin->file_extension, where,
                      plugin->shadowed_by.empty()
                          ? ""
                          : "shadowed by " + plugin->shadowed_by.string() + " (the first found wins)"});
  }
  // Columns as wide as their widest entry.
  size_t widths[5] = {};
  for (const auto& row : rows) {
    const std::string* cells[5] = {&row.id, &row.name, &row.version, &row.abi, &row.extension};
    for (int c = 0; c < 5; ++c) widths[c] = std::max(widths[c], cells[c]->size());
  }
  for (const auto& row : rows) {
    fmt::print("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", row.id, widths[0], row.name, widths[1],
               row.version, widths[2], row.abi, widths[3], row.extension, widths[4], row.where);
    if (!row.note.empty()) fmt::print("    {}\n", row.note);
  }
  if (std::fflush(stdout) != 0) {
    fmt::print(stderr, "kansli plugins: cannot write to standard output\n");
    return kOutputFailed;
  }
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  // A fixed threshold: glibc would otherwise raise it after the first large
  // buffers are freed and serve the next ones (IR, PDF pieces) from the heap,
  // which then keeps their pages (a 2 000-page protokoll: 5 MiB more at the
  // peak).
  ::mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  // An in-process exporter that crashes is named before kansli dies.
  kansli::PluginHost::report_crashes_of_exporters();
  // Ctrl-C during a batch render leaves no temporary file, whichever
  // thread is writing (before any thread starts).
  kansli::end_on_signals_without_leftovers();
  CLI::App app{"kansli: meeting records and annual reports of Swedish public bodies, rendered."};
  app.footer(kExitCodes);
  app.set_version_flag("--version", std::string("kansli ") + kansli_version());
  app.require_subcommand(1);

  RenderArgs render_args;
  IsolationArgs& isolation = render_args.isolation;
  auto* render = app.add_subcommand("render", "Render documents (.txtpb, .json, .binpb) with exporters.");
  render->add_option("INPUT", render_args.inputs,
                     "Input document; with --outdir, any number of documents and directories of them");
  render->add_option(
      "-f,--exporter", render_args.exporter_id,
      "Exporter id: pdf, docx, json, ... (see `kansli plugins`); default: the exporter of -o's "
      "extension, else pdf. With --outdir a comma list: pdf,docx");
  render->add_option("-o,--output", render_args.output,
                     "Output file, or - for standard output; default: beside INPUT");
  render->add_option("--outdir", render_args.outdir,
                     "Render every INPUT into this directory as <name>.<extension>, in one process; "
                     "a bad input is reported and the others still render (exit code 1)");
  render->add_option("--manifest", render_args.manifest,
                     "With --outdir: also render every document this manifest names (its extracts, "
                     "output names, styles and formats; docs/batch.md)");
  render->add_option("-j,--jobs", render_args.jobs, "Threads for --outdir; default: the number of cores")
      ->check(CLI::PositiveNumber);
  render->add_option("--extract", render_args.extract,
                     "Only these items, as a protokollsutdrag: 21,22 or 18-20");
  render->add_option("--style", render_args.style,
                     "House style file (.txtpb, docs/house-style.md): logo, letterhead, typefaces, colour, "
                     "margins; replaces the document's own organisation.style");
  render->add_option("-O,--option", render_args.option_args, "Exporter option KEY=VALUE (repeatable)");
  add_form_option(render, render_args.form);
  render->add_flag("--reproduction", render_args.reproduction,
                   "A reproduction of the signed original: with the record of completed electronic "
                   "signatures (default: the copy for signing, without it)");
  render->add_flag("--public", render_args.public_version,
                   "The public version: items, blocks and people marked confidential are withheld");
  add_isolation_options(render, isolation);
  render->footer(kExitCodes);

  std::vector<std::string> inputs;
  auto* validate =
      app.add_subcommand("validate", "Check documents; print every problem as FILE:LINE:COLUMN: message.");
  validate->add_option("INPUT", inputs, "Input documents")->required();
  std::string validate_form = "record";
  add_form_option(validate, validate_form);
  validate->footer(kExitCodes);

  auto* plugins =
      app.add_subcommand("plugins", "List the exporters found and the plugins that failed to load.");
  add_isolation_options(plugins, isolation);
  plugins->footer(
      "Search path: $KANSLI_PLUGIN_PATH (':'-separated), the build tree, <prefix>/lib/kansli/plugins. "
      "A plugin file kansli-exporter-<id>.so carries the exporter <id>.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }
  if (render->parsed()) return run_render(render_args);
  if (validate->parsed()) return run_validate(inputs, validate_form);
  if (plugins->parsed()) return run_plugins(isolation);
  return kUsage;
}
