#include "reference_document.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <kansli/exporter_support.hpp>
#include <memory>
#include <mutex>
#include <set>

namespace kansli::docx {

namespace {

constexpr const char* kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, DocDeleter>;

XmlDoc parse(const std::string& xml, const char* what) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  XmlDoc doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), what, nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc || !xmlDocGetRootElement(doc.get()))
    throw ExportError(std::string("the reference document's ") + what + " does not parse");
  return doc;
}

std::string serialize(xmlDoc* doc) {
  xmlChar* buffer = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &buffer, &size, "UTF-8");
  std::string out(reinterpret_cast<const char*>(buffer), static_cast<size_t>(size));
  xmlFree(buffer);
  return out;
}

bool is_word(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE && node->ns && xmlStrEqual(node->ns->href, BAD_CAST kWordNamespace) &&
         xmlStrEqual(node->name, BAD_CAST name);
}

std::string word_attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetNsProp(node, BAD_CAST name, BAD_CAST kWordNamespace);
  std::string out = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return out;
}

// A copy of `node` (of `from`) for `to`, its namespaces mapped onto those
// in scope at `parent`.
xmlNode* clone(xmlDoc* from, xmlNode* node, xmlDoc* to, xmlNode* parent) {
  xmlNode* copy = nullptr;
  if (xmlDOMWrapCloneNode(nullptr, from, node, &copy, to, parent, 1, 0) != 0 || !copy)
    throw ExportError("cannot merge kansli's XML into the reference document's");
  return copy;
}

}  // namespace

std::string merge_styles(const std::string& reference, const std::string& own) {
  XmlDoc ref = parse(reference, "word/styles.xml"), mine = parse(own, "styles");
  xmlNode* root = xmlDocGetRootElement(ref.get());
  std::set<std::string> ids, default_types;
  bool has_defaults = false;
  for (xmlNode* n = root->children; n; n = n->next) {
    if (is_word(n, "docDefaults")) has_defaults = true;
    if (!is_word(n, "style")) continue;
    ids.insert(word_attribute(n, "styleId"));
    if (word_attribute(n, "default") == "1" || word_attribute(n, "default") == "true")
      default_types.insert(word_attribute(n, "type"));
  }
  for (xmlNode* n = xmlDocGetRootElement(mine.get())->children; n; n = n->next) {
    if (is_word(n, "docDefaults") && !has_defaults) {
      // Schema order: the document defaults come first.
      xmlNode* copy = clone(mine.get(), n, ref.get(), root);
      xmlNode* first = xmlFirstElementChild(root);
      first ? xmlAddPrevSibling(first, copy) : xmlAddChild(root, copy);
    }
    if (!is_word(n, "style") || ids.count(word_attribute(n, "styleId"))) continue;
    xmlNode* copy = clone(mine.get(), n, ref.get(), root);
    if (default_types.count(word_attribute(n, "type"))) {
      xmlNs* w = xmlSearchNsByHref(ref.get(), copy, BAD_CAST kWordNamespace);
      if (w) xmlUnsetNsProp(copy, w, BAD_CAST "default");
    }
    xmlAddChild(root, copy);
  }
  return serialize(ref.get());
}

std::string append_children(const std::string& reference, const std::string& own) {
  XmlDoc ref = parse(reference, "header, footer or relationships"), mine = parse(own, "part");
  xmlNode* root = xmlDocGetRootElement(ref.get());
  for (xmlNode* n = xmlDocGetRootElement(mine.get())->children; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE) xmlAddChild(root, clone(mine.get(), n, ref.get(), root));
  return serialize(ref.get());
}

}  // namespace kansli::docx
