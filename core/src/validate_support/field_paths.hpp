// Pointing at fields, for the validators of every document kind: a problem
// names the field it is about (load.hpp turns the path into a place).
#ifndef KANSLI_VALIDATE_SUPPORT_FIELD_PATHS_HPP
#define KANSLI_VALIDATE_SUPPORT_FIELD_PATHS_HPP

#include <kansli/load.hpp>
#include <string_view>

namespace kansli {

// The field `number` of `Message`.
template <class Message>
const google::protobuf::FieldDescriptor* field(int number) {
  return Message::descriptor()->FindFieldByNumber(number);
}

// One step into the field `number` of `Message` (element `index` of a
// repeated field).
template <class Message>
PathStep step(int number, int index = -1) {
  return {field<Message>(number), index};
}

inline FieldPath operator/(FieldPath path, PathStep next) {
  path.push_back(next);
  return path;
}

// Empty or only spaces and line breaks.
inline bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace kansli

#endif
