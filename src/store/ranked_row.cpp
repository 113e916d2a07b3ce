#include "sonic/store/ranked_row.hpp"

namespace sonic::store {

std::vector<RankedRow> ranked_rows(Statement& query) {
  std::vector<RankedRow> rows;
  while (query.step()) rows.push_back({query.text(0), query.text(1), query.integer(2), query.integer(3)});
  return rows;
}

}  // namespace sonic::store
