#pragma once
// LivePublisher: an emulated plant's event log sent live to an MQTT broker (Eclipse Paho C++),
// as a plant's data hub would send it (docs/LIVE.md): one JSON object an event — the keys of a
// plant log in JSON lines — on `<prefix>/events`, in time order, QoS 1, paced so that plant time
// runs `speed` times as fast as the wall clock (0: as fast as the broker takes them); a retained
// status on `<prefix>/status` ("running", then "done" with the count). It does not subscribe;
// its session lasts while it runs (a broker restart loses none of its events). Broker URLs: mqtt://host:port
// (tcp), mqtts://host:port (TLS), or Paho's own tcp:// and ssl://.

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>

namespace mqtt {
class async_client;
class connect_options;
class delivery_token;
} // namespace mqtt

namespace gigatwin::cli {

/// Paho's URI for a broker URL, or "" when it is none (`why` says what was expected).
std::string broker_uri(const std::string& url, std::string& why);

class LivePublisher {
public:
  /// Connects (throws std::runtime_error with the broker's URL and Paho's reason if it cannot),
  /// as `user` with `password` when `user` is not empty.
  /// `ca_file`: with mqtts, the authority (PEM) the broker's certificate is checked against
  /// (empty: the system's). While the broker is away the events wait (up to the in-flight
  /// bound) and go out once it is back: QoS 1 in a session kept across reconnects.
  LivePublisher(const std::string& url, const std::string& topic_prefix, double speed,
                const std::string& user = "", const std::string& password = "",
                const std::string& ca_file = "");
  ~LivePublisher();
  LivePublisher(const LivePublisher&) = delete;
  LivePublisher& operator=(const LivePublisher&) = delete;

  /// Sends one event (a JSON object) at plant time `time_s` (s, non-decreasing), waiting until
  /// its turn on the wall clock.
  void event(double time_s, const std::string& json);
  /// Waits until every event is delivered, says "done", disconnects.
  void finish();
  std::size_t sent() const { return sent_; }

private:
  void publish(const std::string& topic, const std::string& payload, bool retained);
  /// Waits for the oldest delivery; if the broker went away with it unacknowledged, sends it and
  /// the ones after it again, in order, once the client is back (QoS 1: at least once).
  void settle_oldest();
  /// Returns once the client is connected (nudging Paho to reconnect); throws after two minutes.
  void wait_until_connected();

  std::unique_ptr<mqtt::async_client> client_;
  /// Kept for connecting again when Paho's own reconnect has stopped trying.
  std::unique_ptr<mqtt::connect_options> connect_options_;
  std::string prefix_;
  std::string stream_; ///< this run's name in the stream (`stream` of every event)
  double speed_;
  bool started_ = false;
  double first_time_s_ = 0;
  std::chrono::steady_clock::time_point start_;
  struct Delivery {
    std::shared_ptr<mqtt::delivery_token> token;
    std::string topic, payload;
    bool retained = false;
  };
  std::deque<Delivery> in_flight_;
  std::size_t sent_ = 0;
};

} // namespace gigatwin::cli
