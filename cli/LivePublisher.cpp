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
                             const std::string& user, const std::string& password, const std::string& ca_file)
    : prefix_(topic_prefix), speed_(speed) {
  std::string why;
  const std::string uri = broker_uri(url, why);
  if (uri.empty())
    throw std::runtime_error(why);
  // A client id of its own (the broker drops an older client of the same id).
  const std::string id = "gigatwin-emulate-" + std::to_string(::getpid());
  // This run's name in the stream: a subscriber tells a publisher started again by it.
  stream_ = std::to_string(::getpid()) + "-" +
            std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  // While the broker is away, publishing waits for the client to be back; unacknowledged events
  // are sent again (settle_oldest).
  client_ = std::make_unique<mqtt::async_client>(uri, id);
  connect_options_ = std::make_unique<mqtt::connect_options>();
  mqtt::connect_options& options = *connect_options_;
  // A clean session: after a reconnect the events not acknowledged are sent again by
  // settle_oldest, not by Paho (whose resend after a broker restart the broker can refuse as
  // malformed).
  options.set_clean_session(true);
  options.set_keep_alive_interval(20);
  options.set_automatic_reconnect(1, 30);
  options.set_max_inflight(static_cast<int>(max_in_flight) * 2);
  options.set_connect_timeout(10);
  if (!user.empty()) {
    options.set_user_name(user);
    options.set_password(password);
  }
  if (uri.rfind("ssl://", 0) == 0) { // TLS, the server checked against the CA file or the system's
    mqtt::ssl_options ssl;
    if (!ca_file.empty())
      ssl.set_trust_store(ca_file);
    ssl.set_enable_server_cert_auth(true);
    options.set_ssl(ssl);
  }
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
  for (;;) {
    wait_until_connected();
    try {
      in_flight_.push_back(
          {client_->publish(topic, payload.data(), payload.size(), 1, retained), topic, payload, retained});
      break;
    } catch (const mqtt::exception&) {
      // the connection dropped just now: wait for it and try again
    }
  }
  while (in_flight_.size() > max_in_flight)
    settle_oldest();
}

void LivePublisher::wait_until_connected() {
  const auto since = std::chrono::steady_clock::now();
  auto nudge = since + std::chrono::seconds(3);
  while (!client_->is_connected()) {
    const auto now = std::chrono::steady_clock::now();
    if (now - since > std::chrono::seconds(120))
      throw std::runtime_error("the MQTT broker has been away for two minutes: the live log stops");
    // Paho's own reconnect sometimes stops trying after a broker restart: ask again.
    if (now > nudge) {
      nudge = now + std::chrono::seconds(3);
      try {
        client_->connect(*connect_options_);
      } catch (const mqtt::exception&) {
        // still away: the next nudge tries again
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void LivePublisher::settle_oldest() {
  try {
    // A delivery the broker does not acknowledge within seconds went down with a connection
    // (a token can stay pending through a reconnect): sent again below.
    if (in_flight_.front().token->wait_for(std::chrono::seconds(5))) {
      in_flight_.pop_front();
      return;
    }
  } catch (const mqtt::exception&) {
    // The connection dropped with it in flight: sent again below once the client is back.
  }
  wait_until_connected();
  std::deque<Delivery> again;
  again.swap(in_flight_);
  for (Delivery& d : again) {
    if (d.token->is_complete() && d.token->get_return_code() == 0)
      continue; // delivered before the connection dropped
    for (;;) {
      wait_until_connected();
      try {
        d.token = client_->publish(d.topic, d.payload.data(), d.payload.size(), 1, d.retained);
        break;
      } catch (const mqtt::exception&) {
        // dropped again: wait and try again
      }
    }
    in_flight_.push_back(std::move(d));
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
  // A sequence number first: at least once, an event may come twice (a broker or network
  // failure), and a subscriber tells the second from a new event by it.
  ++sent_;
  publish(prefix_ + "/events",
          "{\"stream\":\"" + stream_ + "\",\"seq\":" + std::to_string(sent_) + (json.size() > 2 ? "," : "") +
              json.substr(1),
          false);
}

void LivePublisher::finish() {
  publish(prefix_ + "/status", nlohmann::json{{"state", "done"}, {"events", sent_}}.dump(), true);
  while (!in_flight_.empty())
    settle_oldest();
  try {
    client_->disconnect()->wait();
  } catch (const mqtt::exception& e) {
    throw std::runtime_error(std::string("finishing the live log: ") + e.what());
  }
}

} // namespace gigatwin::cli
