// One walk over every message inside a record, shared by the public
// version's redaction and the check of its marks, so that both reach every
// Confidential mark and every Person wherever the schema puts one.
#ifndef KANSLI_MODEL_WALK_HPP
#define KANSLI_MODEL_WALK_HPP

#include <kansli/load.hpp>
#include <type_traits>

namespace kansli {

// Calls visit(message, path) on `message` and, depth first in field order,
// on every message set inside it; visit returns false to skip what is inside
// that message. `Message` is google::protobuf::Message, const or not.
template <class Message, class Visit>
void for_each_message(Message& message, const FieldPath& path, const Visit& visit) {
  if (!visit(message, path)) return;
  const auto* descriptor = message.GetDescriptor();
  const auto* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* f = descriptor->field(i);
    if (f->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    auto child_path = [&](int index) {
      FieldPath next = path;
      next.push_back({f, index});
      return next;
    };
    if (f->is_repeated()) {
      for (int k = 0; k < reflection->FieldSize(message, f); ++k) {
        if constexpr (std::is_const_v<Message>)
          for_each_message(reflection->GetRepeatedMessage(message, f, k), child_path(k), visit);
        else
          for_each_message(*reflection->MutableRepeatedMessage(&message, f, k), child_path(k), visit);
      }
    } else if (reflection->HasField(message, f)) {
      if constexpr (std::is_const_v<Message>)
        for_each_message(reflection->GetMessage(message, f), child_path(-1), visit);
      else
        for_each_message(*reflection->MutableMessage(&message, f), child_path(-1), visit);
    }
  }
}

}  // namespace kansli

#endif
