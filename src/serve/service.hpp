#pragma once
// What sonic serve answers: the route table (method, path pattern, whether it needs the token,
// the statuses it may give), one handler per route, and the OpenAPI document made from the same
// table, so the two cannot disagree. The HTTP server (server.cpp) hands every request here.
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "serve/model_cache.hpp"
#include "sonic/core/home.hpp"
#include "sonic/core/time_zone.hpp"
#include "sonic/store/database.hpp"
// Last: <httplib.h> brings <resolv.h>, whose _res macro breaks Eigen's headers included after it.
#include <httplib.h>

namespace sonic::serve {

class Service {
 public:
  Service(Home home, const TimeZone& zone, std::optional<std::string> token);

  // Routes, checks the token and the content type, runs the handler; every refusal is
  // {"error":{"code","message"}} with its status.
  void handle(const httplib::Request& request, httplib::Response& response);
  // Every route with its statuses, and each served model's row (its inputs, once its file loads).
  nlohmann::json openapi();

  struct Route;

  // The route handlers (the table in service.cpp names them).
  using Captures = std::map<std::string, std::string>;
  void ping(const httplib::Request&, httplib::Response&, const Captures&);
  void version(const httplib::Request&, httplib::Response&, const Captures&);
  void ready(const httplib::Request&, httplib::Response&, const Captures&);
  void invocations(const httplib::Request&, httplib::Response&, const Captures&);
  void model_metadata(const httplib::Request&, httplib::Response&, const Captures&);
  void infer(const httplib::Request&, httplib::Response&, const Captures&);
  void openapi_route(const httplib::Request&, httplib::Response&, const Captures&);
  void dashboard(const httplib::Request&, httplib::Response&, const Captures&);
  void stats(const httplib::Request&, httplib::Response&, const Captures&);
  void forecast(const httplib::Request&, httplib::Response&, const Captures&);
  void runs(const httplib::Request&, httplib::Response&, const Captures&);
  void report_page(const httplib::Request&, httplib::Response&, const Captures&);

 private:
  void dispatch(const httplib::Request& request, httplib::Response& response);

  // Each row through the entry's model; `predictor` becomes the new model when retrain swapped
  // its file in while the rows were answered (see the .cpp).
  std::vector<nlohmann::json> predict_rows(const pipeline::ModelEntry& entry,
                                           std::shared_ptr<const pipeline::RowPredictor>& predictor,
                                           const std::vector<nlohmann::json>& rows);
  // Each row through one model; the store is locked only for models that read it.
  std::vector<nlohmann::json> answer_rows(const pipeline::RowPredictor& predictor,
                                          const std::vector<nlohmann::json>& rows);
  // The store opened read-only (WAL; never the writers' lock), opened on first need: HttpError
  // 503 while there is none. Call with store_mutex_ held.
  store::Database& store();
  // Changes whenever a writer has committed since (the connection's PRAGMA data_version): the
  // key of what is built from the store. Call with store_mutex_ held.
  std::int64_t store_version();

  Home home_;
  const TimeZone& zone_;
  std::optional<std::string> token_;
  ModelCache models_;
  std::mutex store_mutex_;
  std::optional<store::Database> store_;
  store::Database no_store_;  // what models that never read the store are given
  std::mutex page_mutex_;
  std::map<std::string, std::pair<std::string, std::string>> pages_;  // query → (fingerprint, HTML)
};

}  // namespace sonic::serve
