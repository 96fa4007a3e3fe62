// Manifests: see manifest.hpp.
#include "manifest.hpp"

#include <fmt/core.h>
#include <kansli/manifest.pb.h>

#include <filesystem>
#include <kansli/limits.hpp>
#include <kansli/load.hpp>
#include <kansli/style.hpp>
#include <map>
#include <memory>

#include "text_format.hpp"

namespace kansli::cli {
namespace {

namespace fs = std::filesystem;
namespace pb = google::protobuf;

// Item numbers as validate.cc allows them.
constexpr unsigned kMaxItemNumber = 999999;
// Bytes of an output name (file systems allow 255 with the extension).
constexpr size_t kMaxOutputName = 200;

class ManifestChecker {
 public:
  ManifestChecker(const std::string& file, const pb::TextFormat::ParseInfoTree& positions)
      : file_(file), positions_(positions) {
    const fs::path path(file);
    folder_ = path.has_parent_path() ? path.parent_path() : fs::path(".");
  }

  // A problem at the field `field` of the manifest, or of its document
  // `index` (and `element` of a repeated field there) when index >= 0.
  void fail(const std::string& field, int index, std::string message, int element = -1) {
    const pb::Descriptor* manifest = model::Manifest::descriptor();
    FieldPath path;
    if (index >= 0) {
      const auto* documents = manifest->FindFieldByName("document");
      path.push_back({documents, index});
      if (!field.empty()) path.push_back({documents->message_type()->FindFieldByName(field), element});
    } else {
      path.push_back({manifest->FindFieldByName(field), element});
    }
    problems.push_back(problem_at(file_, &positions_, path, std::move(message)));
  }

  // The line where document `index` begins.
  int line_of(int index) const {
    return positions_.GetLocation(model::Manifest::descriptor()->FindFieldByName("document"), index).line + 1;
  }

  // A path written in the manifest, relative to its folder.
  std::string resolve(const std::string& path) const { return (folder_ / path).lexically_normal().string(); }

  // The style file `path` (as written at `index`'s style), loaded once;
  // null after reporting its problems and where the manifest names it.
  std::shared_ptr<const LoadedStyle> style(const std::string& path, int index) {
    auto& style = styles_[resolve(path)];
    if (!style.loaded) {
      style.loaded = true;
      auto result = load_style_file(resolve(path));
      if (result)
        style.style = std::make_shared<const LoadedStyle>(std::move(*result));
      else
        problems.insert(problems.end(), result.problems.begin(), result.problems.end());
    }
    if (!style.style) fail("style", index, fmt::format("the style file '{}' cannot be used", path));
    return style.style;
  }

  Problems problems;

 private:
  struct Style {
    bool loaded = false;
    std::shared_ptr<const LoadedStyle> style;
  };
  const std::string& file_;
  const pb::TextFormat::ParseInfoTree& positions_;
  fs::path folder_;
  std::map<std::string, Style> styles_;
};

// "protokoll-au-2026-03-04-utdrag-21-22"
std::string default_output_name(const model::ManifestDocument& document) {
  std::string name = fs::path(document.input()).stem().string();
  if (!document.extract().empty()) {
    name += "-utdrag";
    for (unsigned item : document.extract()) name += fmt::format("-{}", item);
  }
  return name;
}

bool plain_file_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.size() <= kMaxOutputName &&
         name.find_first_of(std::string("/\\\0", 3)) == std::string::npos;
}

}  // namespace

Result<LoadedManifest> load_manifest(const std::string& file, const ComposeOptions& compose_options) {
  model::Manifest manifest;
  pb::TextFormat::ParseInfoTree positions;
  Problems problems;
  if (!read_text_format_file(file, manifest, positions, problems))
    return Result<LoadedManifest>::failed(Failure::invalid_input, std::move(problems));

  ManifestChecker check(file, positions);
  LoadedManifest loaded;
  for (int i = 0; i < manifest.format_size(); ++i) {
    if (manifest.format(i).empty()) check.fail("format", -1, "an exporter id, such as \"pdf\"", i);
    loaded.exporter_ids.push_back(manifest.format(i));
  }
  std::shared_ptr<const LoadedStyle> manifest_style = compose_options.style;
  if (!manifest.style().empty()) manifest_style = check.style(manifest.style(), -1);
  if (manifest.document().empty())
    check.problems.push_back({file, 0, 0, {}, "the manifest names no document"});
  if (manifest.document_size() > limits::kMaxRepeated)
    check.problems.push_back({file, 0, 0, {}, fmt::format("more than {} documents", limits::kMaxRepeated)});

  std::map<std::string, int> owners;  // output name -> document index
  for (int i = 0; i < manifest.document_size() && i < limits::kMaxRepeated; ++i) {
    const auto& document = manifest.document(i);
    BatchDocument batch{check.resolve(document.input()), document.output_name(), compose_options};
    if (document.input().empty()) {
      check.fail("", i, "a document needs an input file");
      continue;
    }
    if (!input_format_for(document.input()))
      check.fail("input", i,
                 fmt::format("'{}' is not a document file (.txtpb, .json, .binpb)", document.input()));
    for (int k = 0; k < document.extract_size(); ++k)
      if (document.extract(k) == 0 || document.extract(k) > kMaxItemNumber)
        check.fail("extract", i, fmt::format("an item number from 1 to {}", kMaxItemNumber), k);
    batch.compose_options.extract_items.assign(document.extract().begin(), document.extract().end());
    batch.compose_options.style =
        document.style().empty() ? manifest_style : check.style(document.style(), i);

    const bool named = !document.output_name().empty();
    if (!named) batch.output_name = default_output_name(document);
    if (!plain_file_name(batch.output_name)) {
      check.fail(named ? "output_name" : "input", i,
                 fmt::format("'{}' is no plain file name (no folder, at most {} bytes)", batch.output_name,
                             kMaxOutputName));
      continue;
    }
    if (auto [owner, fresh] = owners.emplace(batch.output_name, i); !fresh) {
      check.fail(named ? "output_name" : "input", i,
                 fmt::format("the output name '{}' is also that of the document at line {}; give one an "
                             "output_name",
                             batch.output_name, check.line_of(owner->second)));
      continue;
    }
    loaded.documents.push_back(std::move(batch));
  }
  if (!check.problems.empty())
    return Result<LoadedManifest>::failed(Failure::invalid_input, std::move(check.problems));
  return Result<LoadedManifest>::success(std::move(loaded));
}

}  // namespace kansli::cli
