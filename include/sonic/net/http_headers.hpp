#pragma once
// HTTP header fields in the order they were sent or received. Names compare case-insensitively
// ("Retry-After" finds "retry-after"), values are kept as they are.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sonic::net {

class HttpHeaders {
 public:
  using Field = std::pair<std::string, std::string>;

  // Appends a field, keeping earlier ones with the same name.
  void add(std::string name, std::string value);
  // Replaces every field of that name with this one.
  void set(std::string name, std::string value);
  void remove(std::string_view name);

  // The first value of `name`, if present.
  std::optional<std::string> find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name).has_value(); }

  std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  std::vector<Field>::const_iterator end() const { return fields_.end(); }
  std::size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }

 private:
  std::vector<Field> fields_;
};

bool header_name_equals(std::string_view a, std::string_view b);

}  // namespace sonic::net
