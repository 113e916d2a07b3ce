#include "serve/service.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <charconv>
#include <string_view>

#include "serve/access_token.hpp"
#include "serve/http_error.hpp"
#include "serve/request_rows.hpp"
#include "sonic/core/error.hpp"
#include "sonic/core/version.hpp"
#include "sonic/insight/period.hpp"
#include "sonic/pipeline/report.hpp"
#include "sonic/report/history_stats_format.hpp"
#include "sonic/report/html_report.hpp"
#include "sonic/report/runs_table.hpp"
#include "sonic/store/data_version.hpp"
#include "sonic/store/schema.hpp"
#include "sonic/tracking/mlflow_store.hpp"

namespace sonic::serve {

using Handler = void (Service::*)(const httplib::Request&, httplib::Response&,
                                  const std::map<std::string, std::string>&);

struct Service::Route {
  const char* method;
  const char* pattern;  // "/models/{name}/invocations"
  const char* summary;
  bool open;                  // answered without the token
  std::vector<int> statuses;  // besides 200: what it may answer
  Handler handler;
};

namespace {

constexpr const char* kJson = "application/json";
// The page has inline CSS and SVG only: nothing may run or be fetched, even after a missed escape.
constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const std::vector<Service::Route>& routes() {
  // 401 on every route that needs the token only when one is set; 413/415 on every POST.
  static const std::vector<Service::Route> kRoutes = {
      {"GET", "/ping", "Liveness (MLflow scoring server)", true, {}, &Service::ping},
      {"GET", "/health", "Liveness (MLflow scoring server)", true, {}, &Service::ping},
      {"GET", "/version", "sonic's version", false, {401}, &Service::version},
      {"POST",
       "/models/{name}/invocations",
       "Predict rows (MLflow scoring format)",
       false,
       {400, 401, 404, 413, 415, 503},
       &Service::invocations},
      {"GET", "/v2/health/live", "Liveness (Open Inference Protocol v2)", false, {401}, &Service::ready},
      {"GET", "/v2/health/ready", "Readiness (Open Inference Protocol v2)", false, {401}, &Service::ready},
      {"GET",
       "/v2/models/{name}",
       "Model metadata: inputs, outputs, version = model_id",
       false,
       {401, 404, 503},
       &Service::model_metadata},
      {"POST",
       "/v2/models/{name}/infer",
       "Predict rows (Open Inference Protocol v2)",
       false,
       {400, 401, 404, 413, 415, 503},
       &Service::infer},
      {"GET", "/openapi.json", "This description", false, {401}, &Service::openapi_route},
      {"GET",
       "/api/dashboard",
       "The report's dashboard JSON (?period=7|30|365|all or ?year=YYYY; &part=KEY: one chart's part)",
       false,
       {400, 401, 503},
       &Service::dashboard},
      {"GET", "/api/stats", "sonic stats --json", false, {401, 503}, &Service::stats},
      {"GET",
       "/api/forecast",
       "sonic predict session --json for the next 24 hours",
       false,
       {401, 503},
       &Service::forecast},
      {"GET", "/api/runs", "sonic runs --json", false, {401}, &Service::runs},
      {"GET",
       "/",
       "The HTML report, built from the store (?period= or ?year= as /api/dashboard)",
       false,
       {400, 401, 503},
       &Service::report_page},
  };
  return kRoutes;
}

// "/models/{name}/invocations" against "/models/mood/invocations" → {name: mood}.
std::optional<std::map<std::string, std::string>> match(std::string_view pattern, std::string_view path) {
  std::map<std::string, std::string> captures;
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return std::nullopt;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const auto pattern_end = std::min(pattern.find('/'), pattern.size());
    const auto path_end = std::min(path.find('/'), path.size());
    const auto expected = pattern.substr(0, pattern_end);
    const auto given = path.substr(0, path_end);
    if (expected.size() > 2 && expected.front() == '{' && expected.back() == '}') {
      if (given.empty()) return std::nullopt;
      captures[std::string(expected.substr(1, expected.size() - 2))] = std::string(given);
    } else if (expected != given) {
      return std::nullopt;
    }
    pattern.remove_prefix(pattern_end);
    path.remove_prefix(path_end);
  }
  return captures;
}

void reply_json(httplib::Response& response, const nlohmann::json& body, int status = 200) {
  response.status = status;
  response.set_content(body.dump(), kJson);
}

nlohmann::json error_json(const std::string& code, const std::string& message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

nlohmann::json parse_body(const httplib::Request& request) {
  auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) throw HttpError(400, "bad_json", "body: not valid JSON");
  return body;
}

// The page's chart sections (their ids in report/html_report.cpp) and the dashboard JSON key each
// draws: /api/dashboard?part=KEY answers that key alone, and each chart links to it.
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kChartParts = {
    {{"overview", "overview"},
     {"heatmap", "heatmap"},
     {"moods", "mood_over_time"},
     {"clusters", "clusters"},
     {"top-artists", "top_artists"},
     {"top-tracks", "top_tracks"},
     {"genres", "genres"},
     {"drift", "drift"},
     {"models", "models"},
     {"forecast", "forecast"},
     {"compare", "comparison"},
     {"day-playlists", "day_playlists"},
     {"catalogs", "catalogs"}}};

// Under each chart's heading, a link to the JSON it is drawn from.
void link_charts_to_json(std::string& html, const std::string& query) {
  for (const auto& [id, part] : kChartParts) {
    const std::string opening = "<section id=\"" + std::string(id) + "\">";
    const auto at = html.find(opening);
    if (at == std::string::npos) continue;
    const auto heading_end = html.find("</h2>", at);
    if (heading_end == std::string::npos) continue;
    html.insert(heading_end + 5, "<p class=\"sub\"><a href=\"/api/dashboard?" + query +
                                     "&amp;part=" + std::string(part) + "\">JSON</a></p>");
  }
}

// The report's period from ?period= / ?year= (400 naming the parameter otherwise).
pipeline::ReportRequest report_request(const httplib::Request& request) {
  pipeline::ReportRequest report;
  if (request.has_param("period")) report.period = request.get_param_value("period");
  if (request.has_param("year")) {
    const auto text = request.get_param_value("year");
    int year = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (error != std::errc() || end != text.data() + text.size() || year < 1900 || year > 9999) {
      throw HttpError(400, "bad_parameter", "year: '" + text + "' is not a year like 2024");
    }
    report.year = year;
  }
  try {
    (void)insight::Period::parse(report.period, report.year);
  } catch (const UsageError& error) {
    throw HttpError(400, "bad_parameter", std::string("period: ") + error.what());
  }
  return report;
}

}  // namespace

Service::Service(Home home, const TimeZone& zone, std::optional<std::string> token)
    : home_(std::move(home)),
      zone_(zone),
      token_(std::move(token)),
      models_(home_),
      no_store_(store::Database::in_memory()) {}

void Service::handle(const httplib::Request& request, httplib::Response& response) {
  try {
    dispatch(request, response);
  } catch (const HttpError& error) {
    reply_json(response, error_json(error.code(), error.what()), error.status());
  } catch (const UsageError& error) {  // a row or parameter the model refuses, naming the field
    reply_json(response, error_json("bad_request", error.what()), 400);
  } catch (const InputError& error) {  // the store or a model cannot answer (e.g. clustered again since)
    reply_json(response, error_json("unavailable", error.what()), 503);
  } catch (const std::exception& error) {
    spdlog::error("{} {}: {}", request.method, request.path, error.what());
    reply_json(response, error_json("internal", "the server failed to answer; see its log"), 500);
  }
}

void Service::dispatch(const httplib::Request& request, httplib::Response& response) {
  const Route* found = nullptr;
  std::map<std::string, std::string> captures;
  std::string allowed;
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  for (const auto& route : routes()) {
    auto matched = match(route.pattern, request.path);
    if (!matched) continue;
    if (method != route.method) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(route.method);
      continue;
    }
    found = &route;
    captures = std::move(*matched);
    break;
  }
  if (found == nullptr && allowed.empty()) throw HttpError(404, "not_found", "no route " + request.path);
  if (found == nullptr) {
    response.set_header("Allow", allowed);
    throw HttpError(405, "method_not_allowed",
                    request.method + " is not allowed on " + request.path + "; use " + allowed);
  }
  if (!found->open && token_ && !authorization_matches(request.get_header_value("Authorization"), *token_)) {
    response.set_header("WWW-Authenticate", "Bearer");
    throw HttpError(401, "unauthorized", "unauthorized");
  }
  if (method == "POST") {
    const auto type = request.get_header_value("Content-Type");
    if (type.substr(0, type.find(';')) != kJson) {
      throw HttpError(415, "unsupported_media_type", "Content-Type must be application/json");
    }
  }
  (this->*(found->handler))(request, response, captures);
}

void Service::ping(const httplib::Request&, httplib::Response& response, const Captures&) {
  reply_json(response, {{"status", "ok"}});
}

void Service::version(const httplib::Request&, httplib::Response& response, const Captures&) {
  reply_json(response, {{"sonic", kVersion}});
}

void Service::ready(const httplib::Request& request, httplib::Response& response, const Captures&) {
  reply_json(response, {{request.path == "/v2/health/live" ? "live" : "ready", true}});
}

std::vector<nlohmann::json> Service::predict_rows(const pipeline::ModelEntry& entry,
                                                  std::shared_ptr<const pipeline::RowPredictor>& predictor,
                                                  const std::vector<nlohmann::json>& rows) {
  try {
    return answer_rows(*predictor, rows);
  } catch (const InputError&) {
    // Retrain renamed a new model file in after this request took its predictor: next-mood rereads
    // its learner files per answer and found them trained on the new clusters (seen once in the
    // soak). The new model answers instead; a failure with no swap behind it stands (a 503).
    auto current = models_.predictor(entry);
    if (current == predictor) throw;
    spdlog::info("{}: its model file was replaced while answering; the new model answers", entry.kind.name);
    predictor = std::move(current);
    return answer_rows(*predictor, rows);
  }
}

std::vector<nlohmann::json> Service::answer_rows(const pipeline::RowPredictor& predictor,
                                                 const std::vector<nlohmann::json>& rows) {
  std::vector<nlohmann::json> predictions;
  predictions.reserve(rows.size());
  std::unique_lock<std::mutex> lock(store_mutex_, std::defer_lock);
  if (predictor.reads_store()) lock.lock();
  const pipeline::ModelContext context = predictor.reads_store()
                                             ? pipeline::ModelContext{store(), home_, zone_, store_version()}
                                             : pipeline::ModelContext{no_store_, home_, zone_};
  for (std::size_t r = 0; r < rows.size(); ++r) {
    try {
      predictions.push_back(predictor.predict(context, rows[r]));
    } catch (const UsageError& error) {
      throw HttpError(400, "bad_row", "row " + std::to_string(r) + ": " + error.what());
    }
  }
  return predictions;
}

void Service::invocations(const httplib::Request& request, httplib::Response& response, const Captures& captures) {
  const auto& entry = models_.entry(captures.at("name"));
  const auto body = parse_body(request);
  auto predictor = models_.predictor(entry);
  const auto rows = mlflow_rows(body, predictor->inputs());
  reply_json(response, {{"predictions", predict_rows(entry, predictor, rows)}});
}

void Service::model_metadata(const httplib::Request&, httplib::Response& response, const Captures& captures) {
  const auto& entry = models_.entry(captures.at("name"));
  const auto predictor = models_.predictor(entry);
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& input : predictor->inputs()) {
    inputs.push_back(
        {{"name", input.name}, {"datatype", input.datatype}, {"shape", {-1}}, {"optional", !input.required}});
  }
  nlohmann::json outputs = nlohmann::json::array();
  // Each row's answer is one JSON document (its keys below), sent as text.
  outputs.push_back({{"name", "predictions"}, {"datatype", "BYTES"}, {"shape", {-1}}, {"keys", predictor->outputs()}});
  reply_json(response, {{"name", entry.kind.name},
                        {"versions", {predictor->model_id()}},
                        {"platform", "sonic"},
                        {"inputs", inputs},
                        {"outputs", outputs}});
}

void Service::infer(const httplib::Request& request, httplib::Response& response, const Captures& captures) {
  const auto& entry = models_.entry(captures.at("name"));
  const auto body = parse_body(request);
  auto predictor = models_.predictor(entry);
  const auto predictions = predict_rows(entry, predictor, inference_v2_rows(body));
  nlohmann::json data = nlohmann::json::array();
  for (const auto& prediction : predictions) data.push_back(prediction.dump());
  nlohmann::json answer = {{"model_name", entry.kind.name},
                           {"model_version", predictor->model_id()},
                           {"outputs",
                            {{{"name", "predictions"},
                              {"datatype", "BYTES"},
                              {"shape", {static_cast<int>(predictions.size())}},
                              {"data", data}}}}};
  if (body.contains("id")) answer["id"] = body["id"];
  reply_json(response, answer);
}

nlohmann::json Service::openapi() {
  static const std::map<int, const char*> kMeaning = {
      {200, "OK"},
      {400, "Malformed JSON or a wrong shape; the error names the field"},
      {401, "A token is set and the request lacks it"},
      {404, "No such model"},
      {413, "Body over 1 MiB"},
      {415, "Content-Type is not application/json"},
      {503, "Not available yet: the error names the command that makes it"}};
  // Each served model's row: its inputs by name, once its file loads (a model not trained yet is
  // listed by name alone, as its inputs come from its file).
  nlohmann::json model_names = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::object();
  for (const auto* entry : models_.servable()) {
    const std::string name(entry->kind.name);
    model_names.push_back(name);
    nlohmann::json row = {{"type", "object"}, {"additionalProperties", false}};
    try {
      const auto predictor = models_.predictor(*entry);
      row["properties"] = nlohmann::json::object();
      row["required"] = nlohmann::json::array();
      for (const auto& input : predictor->inputs()) {
        nlohmann::json property = {{"x-datatype", input.datatype}};
        if (input.datatype == "FP64") property["type"] = "number";
        if (input.datatype == "INT64") property["type"] = "integer";
        if (input.datatype == "BYTES") {
          property["description"] = "text; a structured input (next-mood's listens) as JSON or as its JSON text";
        }
        row["properties"][input.name] = property;
        if (input.required) row["required"].push_back(input.name);
      }
      if (row["required"].empty()) row.erase("required");
      row["x-outputs"] = predictor->outputs();
      row["x-version"] = predictor->model_id();
    } catch (const HttpError&) {
      row = {{"type", "object"}, {"description", "not trained yet: " + entry->kind.how_to_make()}};
    }
    rows[name] = row;
  }
  nlohmann::json paths = nlohmann::json::object();
  for (const auto& route : routes()) {
    nlohmann::json operation = {{"summary", route.summary}};
    operation["responses"]["200"] = {{"description", "OK"}};
    for (const int status : route.statuses) {
      operation["responses"][std::to_string(status)] = {{"description", kMeaning.at(status)}};
    }
    if (!route.open) operation["security"] = nlohmann::json::array({{{"bearer", nlohmann::json::array()}}});
    std::string pattern = route.pattern;
    if (pattern.find("{name}") != std::string::npos) {
      operation["parameters"] = {{{"name", "name"},
                                  {"in", "path"},
                                  {"required", true},
                                  {"description", "A model of the registry; its row is components.schemas.<name>"},
                                  {"schema", {{"type", "string"}, {"enum", model_names}}}}};
    }
    if (std::string(route.method) == "POST") {
      operation["requestBody"] = {{"required", true}, {"content", {{kJson, {{"schema", {{"type", "object"}}}}}}}};
    }
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[pattern][method] = operation;
  }
  return {
      {"openapi", "3.0.3"},
      {"info", {{"title", "sonic serve"}, {"version", kVersion}}},
      {"components", {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}, {"schemas", rows}}},
      {"paths", paths}};
}

void Service::openapi_route(const httplib::Request&, httplib::Response& response, const Captures&) {
  reply_json(response, openapi());
}

store::Database& Service::store() {
  if (!store_) {
    if (!std::filesystem::exists(home_.database)) {
      throw HttpError(503, "no_store", "no sonic store at " + home_.database.string() + ": run `sonic import` first");
    }
    auto db = store::Database::open_read_only(home_.database);
    // Read-only, so it cannot migrate: a store from an older sonic lacks tables that answers read
    // (recommend's discover_cache), and one from a newer sonic may have changed them.
    const int found = store::schema_version(db), latest = store::latest_schema_version();
    if (found != latest) {
      throw HttpError(503, "store_schema",
                      home_.database.string() + " has schema version " + std::to_string(found) +
                          " and this sonic reads version " + std::to_string(latest) + ": " +
                          (found < latest ? "run any sonic command on this home (e.g. `sonic stats`) to upgrade it"
                                          : "upgrade sonic"));
    }
    store_ = std::move(db);
  }
  return *store_;
}

std::int64_t Service::store_version() {
  // Starts a read transaction, so it sees every commit by the writers (ingest, retrain) so far;
  // the files' sizes and times are no guide: the first read creates the -wal, a checkpoint
  // rewrites the database file without changing what it holds.
  return store::data_version(store());
}

void Service::dashboard(const httplib::Request& request, httplib::Response& response, const Captures&) {
  const auto report = report_request(request);
  std::string part;
  if (request.has_param("part")) {
    part = request.get_param_value("part");
    std::string parts;
    bool known = false;
    for (const auto& [id, key] : kChartParts) {
      known = known || key == part;
      parts += (parts.empty() ? "" : ", ") + std::string(key);
    }
    if (!known) throw HttpError(400, "bad_parameter", "part: '" + part + "' is not one of " + parts);
  }
  std::lock_guard lock(store_mutex_);
  auto dashboard = pipeline::build_report_dashboard(store(), home_, zone_, report);
  reply_json(response, part.empty() ? dashboard : nlohmann::json{{part, std::move(dashboard[part])}});
}

void Service::stats(const httplib::Request&, httplib::Response& response, const Captures&) {
  std::lock_guard lock(store_mutex_);
  reply_json(response, report::to_json(report::compute_history_stats(store(), zone_)));
}

void Service::forecast(const httplib::Request&, httplib::Response& response, const Captures&) {
  const auto& entry = models_.entry("session");
  auto predictor = models_.predictor(entry);
  reply_json(response, predict_rows(entry, predictor, {nlohmann::json::object()}).front());
}

void Service::runs(const httplib::Request&, httplib::Response& response, const Captures&) {
  reply_json(response, report::runs_json(tracking::list_runs(home_.runs(), std::nullopt, 20)));
}

void Service::report_page(const httplib::Request& request, httplib::Response& response, const Captures&) {
  const auto report = report_request(request);
  const std::string key = report.period + "/" + (report.year ? std::to_string(*report.year) : "");
  std::int64_t version = 0;
  {
    std::lock_guard lock(store_mutex_);
    version = store_version();
  }
  const std::string fingerprint = models_.files_fingerprint().append(std::to_string(version));
  std::string html;
  {
    std::lock_guard lock(page_mutex_);
    const auto cached = pages_.find(key);
    if (cached != pages_.end() && cached->second.first == fingerprint) html = cached->second.second;
  }
  if (html.empty()) {
    {
      std::lock_guard lock(store_mutex_);
      html = report::render_html(pipeline::build_report_dashboard(store(), home_, zone_, report));
    }
    // Every chart's numbers are one link away, as JSON.
    const std::string query = report.year ? "year=" + std::to_string(*report.year) : "period=" + report.period;
    const std::string links = "<main>\n<p class=\"sub\">JSON: <a href=\"/api/dashboard?" + query +
                              "\">dashboard (every chart)</a> · <a href=\"/api/stats\">stats</a> · "
                              "<a href=\"/api/forecast\">forecast</a> · <a href=\"/api/runs\">runs</a></p>\n";
    if (const auto at = html.find("<main>\n"); at != std::string::npos) html.replace(at, 7, links);
    link_charts_to_json(html, query);
    std::lock_guard lock(page_mutex_);
    pages_[key] = {fingerprint, html};
  }
  response.set_header("Content-Security-Policy", kPagePolicy);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Cache-Control", "no-store");
  response.set_content(html, "text/html; charset=utf-8");
}

}  // namespace sonic::serve
