#include "LivePublisher.hpp"

#include <mqtt/async_client.h>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace gigatwin::cli {

namespace {
/// Deliveries outstanding at most: the broker acknowledges QoS 1 messages as they come, and the
/// client must not queue a whole year's log in memory.
constexpr std::size_t max_in_flight = 64;
} // namespace

std::string broker_uri(const std::string& url, std::string& why) {
  const auto scheme_end = url.find("://");
  const std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  const std::string rest = scheme_end == std::string::npos ? "" : url.substr(scheme_end + 3);
  const auto colon = rest.rfind(':');
  const bool has_port = colon != std::string::npos && colon > 0 && colon + 1 < rest.size() &&
                        rest.find_first_not_of("0123456789", colon + 1) == std::string::npos;
  if ((scheme != "mqtt" && scheme != "mqtts" && scheme != "tcp" && scheme != "ssl") || !has_port ||
      rest.find('/') != std::string::npos) {
    why = "expected a broker URL mqtt://host:port or mqtts://host:port, found '" + url + "'";
    return "";
  }
  return (scheme == "mqtt" || scheme == "tcp" ? "tcp://" : "ssl://") + rest;
}

LivePublisher::LivePublisher(const std::string& url, const std::string& topic_prefix, double speed,
                             const std::string& user, const std::string& password)
    : prefix_(topic_prefix), speed_(speed) {
  std::string why;
  const std::string uri = broker_uri(url, why);
  if (uri.empty())
    throw std::runtime_error(why);
  // A client id of its own (the broker drops an older client of the same id).
  const std::string id = "gigatwin-emulate-" + std::to_string(::getpid());
  client_ = std::make_unique<mqtt::async_client>(uri, id);
  mqtt::connect_options options;
  options.set_clean_session(true);
  options.set_keep_alive_interval(20);
  options.set_automatic_reconnect(1, 30);
  options.set_max_inflight(static_cast<int>(max_in_flight) * 2);
  options.set_connect_timeout(10);
  if (!user.empty()) {
    options.set_user_name(user);
    options.set_password(password);
  }
  if (uri.rfind("ssl://", 0) == 0) // TLS, the server checked against the system's authorities
    options.set_ssl(mqtt::ssl_options());
  // The status says "gone" if the plant drops off without saying "done".
  options.set_will(mqtt::message(prefix_ + "/status", std::string(R"({"state":"gone"})"), 1, true));
  try {
    client_->connect(options)->wait();
  } catch (const mqtt::exception& e) {
    throw std::runtime_error("cannot connect to the MQTT broker at " + url + ": " + e.what());
  }
  publish(prefix_ + "/status", R"({"state":"running"})", true);
}

LivePublisher::~LivePublisher() {
  if (client_ && client_->is_connected()) {
    try {
      client_->disconnect()->wait_for(std::chrono::seconds(2));
    } catch (const mqtt::exception&) {
      // already gone: nothing to release
    }
  }
}

void LivePublisher::publish(const std::string& topic, const std::string& payload, bool retained) {
  try {
    in_flight_.push_back(client_->publish(topic, payload.data(), payload.size(), 1, retained));
    while (in_flight_.size() > max_in_flight) {
      in_flight_.front()->wait();
      in_flight_.pop_front();
    }
  } catch (const mqtt::exception& e) {
    throw std::runtime_error("publishing to the MQTT broker on " + topic + ": " + e.what());
  }
}

void LivePublisher::event(double time_s, const std::string& json) {
  if (!started_) {
    started_ = true;
    first_time_s_ = time_s;
    start_ = std::chrono::steady_clock::now();
  }
  if (speed_ > 0) {
    const auto due = start_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>((time_s - first_time_s_) / speed_));
    std::this_thread::sleep_until(due);
  }
  publish(prefix_ + "/events", json, false);
  ++sent_;
}

void LivePublisher::finish() {
  publish(prefix_ + "/status", nlohmann::json{{"state", "done"}, {"events", sent_}}.dump(), true);
  try {
    for (auto& token : in_flight_)
      token->wait();
    in_flight_.clear();
    client_->disconnect()->wait();
  } catch (const mqtt::exception& e) {
    throw std::runtime_error(std::string("finishing the live log: ") + e.what());
  }
}

} // namespace gigatwin::cli
