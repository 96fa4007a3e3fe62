// Reading a Word reference document with libzip and checking its XML with
// libxml2 (both Debian-packaged; the DOCX exporter writes with the same
// libzip).
#include "reference_document.hpp"

#include <fmt/core.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace kansli {

namespace {

namespace fs = std::filesystem;

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, DocDeleter>;

// Calls `visit` with each node `expression` selects in `doc`, in document
// order. Prefixes: w (WordprocessingML), r (officeDocument relationships),
// rel (package relationships), ct (content types).
template <typename Visit>
void for_each_node(xmlDoc* doc, const char* expression, Visit visit) {
  xmlXPathContextPtr context = xmlXPathNewContext(doc);
  if (!context) return;
  const std::pair<const char*, const char*> namespaces[] = {
      {"w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
      {"r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
      {"rel", "http://schemas.openxmlformats.org/package/2006/relationships"},
      {"ct", "http://schemas.openxmlformats.org/package/2006/content-types"}};
  for (const auto& [prefix, uri] : namespaces)
    xmlXPathRegisterNs(context, reinterpret_cast<const xmlChar*>(prefix),
                       reinterpret_cast<const xmlChar*>(uri));
  xmlXPathObjectPtr result = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expression), context);
  if (result && result->nodesetval)
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) visit(result->nodesetval->nodeTab[i]);
  xmlXPathFreeObject(result);
  xmlXPathFreeContext(context);
}

// The value of attribute `name` (no namespace) of `node`; empty if absent.
std::string attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return out;
}

// The text of the first node `expression` selects; empty if none.
std::string first(xmlDoc* doc, const char* expression) {
  std::string value;
  bool found = false;
  for_each_node(doc, expression, [&](xmlNode* node) {
    if (found) return;
    found = true;
    xmlChar* text = xmlNodeGetContent(node);
    value = text ? reinterpret_cast<const char*>(text) : "";
    xmlFree(text);
  });
  return value;
}

struct Relationship {
  std::string type, target;  // target: a part name, resolved
};

// One .docx, opened in memory; `error` says why a step failed.
class Package {
 public:
  Package(const std::string& path, std::string bytes) : path_(path), bytes_(std::move(bytes)) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &error);
    if (source) {
      archive_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
      if (!archive_) zip_source_free(source);
    }
    zip_error_fini(&error);
    if (!archive_)
      error_ =
          fmt::format("the reference document {} is not a Word document (.docx): not a ZIP archive", path_);
  }
  ~Package() {
    if (archive_) zip_discard(archive_);
  }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  const std::string& error() const { return error_; }
  // Records `message` as the error, unless there is one already.
  void refuse(std::string message) { fail(std::move(message)); }
  bool failed() const { return !error_.empty(); }
  bool has(const std::string& name) const {
    return archive_ && zip_name_locate(archive_, name.c_str(), 0) >= 0;
  }

  // The bytes of part `name`; nullopt (and an error) when it is missing or
  // the parts read so far unpack to more than the limit.
  std::optional<std::string> read(const std::string& name) {
    if (failed()) return std::nullopt;
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive_, name.c_str(), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
      return fail(fmt::format("the reference document {} has no {}", path_, name));
    if (stat.size > kMaxReferenceDocumentBytes - unpacked_)
      return fail(fmt::format("the reference document {} unpacks to more than {} bytes", path_,
                              kMaxReferenceDocumentBytes));
    unpacked_ += stat.size;
    std::string data(stat.size, '\0');
    zip_file_t* file = zip_fopen(archive_, name.c_str(), 0);
    const zip_int64_t got = file ? zip_fread(file, data.data(), data.size()) : -1;
    if (file) zip_fclose(file);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size)
      return fail(fmt::format("the reference document {}: cannot unpack {}", path_, name));
    return data;
  }

  // Part `name` read and parsed; null (and an error) unless it is
  // well-formed XML. `bytes` gets the part.
  XmlDoc xml(const std::string& name, std::string* bytes = nullptr) {
    auto data = read(name);
    if (!data) return nullptr;
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    XmlDoc doc(context
                   ? xmlCtxtReadMemory(context, data->data(), static_cast<int>(data->size()), name.c_str(),
                                       nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
                   : nullptr);
    if (!doc) {
      const xmlError* e = context ? xmlCtxtGetLastError(context) : nullptr;
      std::string why = e && e->message ? e->message : "unreadable";
      while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
      fail(fmt::format("the reference document {}: {} is not well-formed XML (line {}: {})", path_, name,
                       e ? e->line : 0, why));
    }
    if (context) xmlFreeParserCtxt(context);
    if (doc && bytes) *bytes = std::move(*data);
    return doc;
  }

  // The relationships of part `name` by id, targets resolved to part names
  // (external ones left out); empty when it has none.
  std::map<std::string, Relationship> relationships(const std::string& name, std::string* bytes = nullptr) {
    std::map<std::string, Relationship> out;
    const fs::path part(name);
    const std::string rels =
        (part.parent_path() / "_rels" / (part.filename().string() + ".rels")).generic_string();
    if (!has(rels)) return out;
    XmlDoc doc = xml(rels, bytes);
    if (!doc) return out;
    // External targets (hyperlinks) are not parts; they need no copying.
    for_each_node(doc.get(), "/rel:Relationships/rel:Relationship", [&](xmlNode* node) {
      const std::string id = attribute(node, "Id"), type = attribute(node, "Type"),
                        target = attribute(node, "Target");
      if (id.empty() || type.empty() || target.empty())
        fail(fmt::format("the reference document {}: a relationship in {} lacks Id, Type or Target", path_,
                         rels));
      if (attribute(node, "TargetMode") == "External") return;
      out[id] = {type, target.rfind('/', 0) == 0
                           ? target.substr(1)
                           : (part.parent_path() / target).lexically_normal().generic_string()};
    });
    return out;
  }

 private:
  std::nullopt_t fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return std::nullopt;
  }

  std::string path_, bytes_, error_;
  zip_t* archive_ = nullptr;
  size_t unpacked_ = 0;
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool ends_with(const std::string& text, std::string_view tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::string read_reference_document(const std::string& path, ir::ReferenceDocument& out) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return fmt::format("cannot read the reference document {}", path);
  if (fs::file_size(path, ec) > kMaxReferenceDocumentBytes)
    return fmt::format("the reference document {} is larger than {} bytes (10 MiB)", path,
                       kMaxReferenceDocumentBytes);
  std::ifstream in(path, std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.good() && !in.eof()) return fmt::format("cannot read the reference document {}", path);
  return parse_reference_document(path, std::move(bytes), out);
}

std::string parse_reference_document(const std::string& path, std::string bytes, ir::ReferenceDocument& out) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  if (bytes.size() > kMaxReferenceDocumentBytes)
    return fmt::format("the reference document {} is larger than {} bytes (10 MiB)", path,
                       kMaxReferenceDocumentBytes);
  Package package(path, std::move(bytes));
  if (!package.xml("word/styles.xml", out.mutable_styles())) return package.error();

  // Content types of the parts to copy: Override by name, else Default by
  // extension.
  std::map<std::string, std::string> overrides, defaults;
  if (XmlDoc types = package.xml("[Content_Types].xml")) {
    for_each_node(types.get(), "/ct:Types/ct:Override", [&](xmlNode* node) {
      const std::string name = attribute(node, "PartName");
      overrides[name.rfind('/', 0) == 0 ? name.substr(1) : name] = attribute(node, "ContentType");
    });
    for_each_node(types.get(), "/ct:Types/ct:Default", [&](xmlNode* node) {
      defaults[lower(attribute(node, "Extension"))] = attribute(node, "ContentType");
    });
  }
  if (package.failed()) return package.error();
  const auto content_type = [&](const std::string& name) {
    if (auto it = overrides.find(name); it != overrides.end()) return it->second;
    std::string extension = lower(fs::path(name).extension().string());
    if (!extension.empty()) extension.erase(0, 1);
    if (auto it = defaults.find(extension); it != defaults.end()) return it->second;
    return std::string("application/octet-stream");
  };

  // The main part's relationships: theme, font table, headers, footers.
  const std::string main = "word/document.xml";
  if (!package.has(main)) return {};  // styles alone
  XmlDoc document = package.xml(main);
  const auto relationships = package.relationships(main);
  if (package.failed()) return package.error();
  std::map<std::string, std::string> media;  // name -> content type
  // Reads `name` (well-formed) and the parts its relationships point at.
  const auto take = [&](const std::string& name, ir::ReferencePart& part) {
    if (!package.xml(name, part.mutable_xml())) return;
    for (const auto& [id, relationship] : package.relationships(name, part.mutable_relationships())) {
      // Copied under its own name beside kansli's parts: only from a
      // folder of word/ that kansli does not write (media/, fonts/, ...).
      const std::string& target = relationship.target;
      if (target.rfind("word/", 0) != 0 || target.find('/', 5) == std::string::npos ||
          target.rfind("word/_rels/", 0) == 0 || target.rfind("word/theme/", 0) == 0) {
        package.refuse(
            fmt::format("the reference document {}: {} points at {}, outside the folders of word/ "
                        "that kansli copies (media/, fonts/, ...)",
                        path, name, target));
        return;
      }
      if (!package.has(relationship.target)) {
        package.xml(relationship.target);  // names what is missing
        return;
      }
      media[relationship.target] = content_type(relationship.target);
    }
  };
  for (const auto& [id, relationship] : relationships) {
    if (ends_with(relationship.type, "/theme")) {
      if (!package.xml(relationship.target, out.mutable_theme())) return package.error();
    } else if (ends_with(relationship.type, "/fontTable")) {
      take(relationship.target, *out.mutable_font_table());
    }
  }
  // The last section's default header and footer (a document's sectPr).
  const auto part_of = [&](const char* expression) -> std::string {
    const std::string id = first(document.get(), expression);
    auto it = relationships.find(id);
    return id.empty() || it == relationships.end() ? std::string() : it->second.target;
  };
  if (const std::string header =
          part_of("/w:document/w:body/w:sectPr/w:headerReference[@w:type='default']/@r:id");
      !header.empty())
    take(header, *out.mutable_header());
  if (const std::string footer =
          part_of("/w:document/w:body/w:sectPr/w:footerReference[@w:type='default']/@r:id");
      !footer.empty())
    take(footer, *out.mutable_footer());
  for (const auto& [name, type] : media) {
    auto data = package.read(name);
    if (!data) break;
    auto* part = out.add_media();
    part->set_name(name);
    part->set_content_type(type);
    part->set_data(std::move(*data));
  }
  return package.error();
}

}  // namespace kansli
