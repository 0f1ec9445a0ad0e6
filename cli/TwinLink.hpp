#pragma once
// TwinLink: the live twin's connection to the plant's MQTT broker (Eclipse Paho C++): it
// subscribes to the plant's events and status and to its own request topic, QoS 1, in a
// persistent session (a broker that keeps sessions hands over what came while the twin was away)
// with automatic reconnect (1 s to 30 s back-off; subscriptions are made again on every
// connect), and publishes only under its own prefix. Messages wait in Paho's queue until taken.
// Credentials come from the caller (a file or the environment, never the command line); TLS
// checks the broker's certificate against a CA file or the system's authorities.
//
// Paho acknowledges a QoS 1 message to the broker as it reads it, before handing it over: an
// event is journaled (when a journal is set) the moment it is handed over, so a twin killed
// loses at most the few in between (counted as missing by their sequence numbers on restart).

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace mqtt {
class async_client;
class connect_options;
} // namespace mqtt

namespace gigatwin::cli {

struct TwinLinkConfig {
  std::string url;  ///< mqtt://host:port or mqtts://host:port
  std::string user; ///< empty: anonymous
  std::string password;
  std::string ca_file;      ///< mqtts: the authority to check the broker against (empty: the system's)
  std::string client_id;    ///< the persistent session's name at the broker
  std::string plant_prefix; ///< the plant's topics: <plant_prefix>/events, /status
  std::string twin_prefix;  ///< the twin's own: <twin_prefix>/forecast, /status, /request ...
  /// The plant's events are written here as they come, before the twin takes them (empty: not
  /// kept): a twin killed and started again replays what came after its last checkpoint. One
  /// JSON object a line, {"i": its number, "m": the message}; numbers go on from `journal_first`.
  std::string journal;
  std::uint64_t journal_first = 0;
};

struct TwinMessage {
  enum class Topic { event, plant_status, request, other } topic = Topic::other;
  std::string payload;
  std::uint64_t number = 0; ///< an event's number in the journal
};

class TwinLink {
public:
  /// Connects and subscribes; throws std::runtime_error naming the broker if it cannot.
  /// `status` is the twin's retained status until it publishes another; its will is "gone".
  explicit TwinLink(TwinLinkConfig config);
  ~TwinLink();
  TwinLink(const TwinLink&) = delete;
  TwinLink& operator=(const TwinLink&) = delete;

  /// The next message, waiting up to `wait`; false when none came.
  bool next(TwinMessage& out, std::chrono::milliseconds wait);
  /// Publishes `payload` on <twin_prefix>/<subtopic>, QoS 1 (errors while the broker is away
  /// are counted, not thrown: the twin goes on and publishes again later).
  void publish(const std::string& subtopic, const std::string& payload, bool retained);
  /// Says `final_status` (retained) and disconnects.
  void close(const std::string& final_status);
  std::size_t publish_failures() const { return publish_failures_; }
  /// The number the next event taken will have: every event before it has been taken.
  std::uint64_t next_to_take() const { return next_to_take_; }
  /// Rewrites the journal to hold only the events not taken yet (those before were checkpointed).
  /// Throws std::runtime_error if it cannot.
  void trim_journal();

private:
  /// Paho's thread: the message is journaled (an event) and queued.
  void arrived(const std::string& topic, std::string payload);
  void open_journal(bool append);
  TwinLinkConfig config_;
  std::unique_ptr<mqtt::async_client> client_;
  /// Kept for connecting again when Paho's own reconnect has stopped trying.
  std::unique_ptr<mqtt::connect_options> connect_options_;
  std::size_t publish_failures_ = 0;
  std::optional<std::chrono::steady_clock::time_point> away_since_;
  std::mutex mutex_; // the queue and the journal, shared with Paho's thread
  std::condition_variable arrived_;
  std::deque<TwinMessage> queue_;
  int journal_fd_ = -1;
  std::uint64_t next_number_ = 0;  // the next event's in the journal
  std::uint64_t next_to_take_ = 0; // the next event to be taken
  bool journal_failed_ = false;
};

} // namespace gigatwin::cli
