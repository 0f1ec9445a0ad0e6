#pragma once
// PlantLink: the desktop app's subscription to a live twin over MQTT (Eclipse Paho C++). It
// connects to the broker — mqtt://host:port, or mqtts://host:port with the broker's certificate
// checked against a CA file or the system's authorities; a user and password when given — in a
// clean session under a random client id: a viewer keeps no session, the twin's retained messages
// give the latest floor, forecast, drift and status at once. It subscribes QoS 1 to
// <prefix>/floor, /forecast, /actual, /drift and /status (again on every reconnect), reconnects on
// its own (1 s to 30 s back-off, nudged every 3 s when Paho's own reconnect stops trying), and
// hands every message to the GUI thread: Paho calls back on a thread of its own, which never
// touches a QObject but posts to this one. It does not parse payloads (PlantWindow does; one
// larger than max_twin_message_bytes is cut to one byte over the bound, so that it is counted
// as oversized without being copied whole) and never publishes. The password is kept in memory
// only, never shown or logged.

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace mqtt {
class async_client;
class connect_options;
} // namespace mqtt

namespace gigatwin::gui {

struct PlantLinkConfig {
  QString url =
      "mqtt://127.0.0.1:1883";      ///< mqtt://host:port or mqtts://host:port (Paho's tcp://, ssl:// too)
  QString prefix = "gigatwin/twin"; ///< the twin's topics' prefix (`gigatwin twin --topic`)
  QString user;                     ///< empty: anonymous
  QString password;
  QString ca_file; ///< mqtts: the authority (PEM) to check the broker against; empty: the system's
};

class PlantLink : public QObject {
  Q_OBJECT
public:
  enum class State { disconnected, connecting, connected, reconnecting, refused };
  Q_ENUM(State)
  enum class Topic { floor, forecast, actual, drift, status };
  Q_ENUM(Topic)

  explicit PlantLink(PlantLinkConfig config, QObject* parent = nullptr);
  /// Disconnects (waiting up to 2 s for the broker to take it).
  ~PlantLink() override;
  PlantLink(const PlantLink&) = delete;
  PlantLink& operator=(const PlantLink&) = delete;

  /// Paho's URI for a broker URL (tcp://host:port or ssl://host:port), or "" with `why` saying
  /// what was expected — the CLI's rule (cli/LivePublisher.cpp), which the app cannot link.
  static QString broker_uri(const QString& url, QString* why);
  /// "" when `prefix` can be the twin's prefix, else why not (empty, a wildcard, a slash at an end).
  static QString prefix_problem(const QString& prefix);

  /// Starts connecting; state_changed says how it goes.
  void open();
  /// Disconnects and stops reconnecting.
  void close();
  State state() const { return state_; }
  /// The state in words, with the broker and Paho's reason when refused or lost.
  QString state_text() const { return state_text_; }
  const PlantLinkConfig& config() const { return config_; }

signals:
  void state_changed(gigatwin::gui::PlantLink::State state, const QString& text);
  void message_arrived(gigatwin::gui::PlantLink::Topic topic, const QByteArray& payload);

private:
  struct Relay;
  class ConnectListener;
  void set_state(State state, const QString& text);
  void stop_client();
  void on_connected();
  void on_lost(const QString& cause);
  void on_connect_failed(int code);
  /// Connects again when Paho's own reconnect has stopped trying (the CLI's TwinLink does the same).
  void nudge();

  PlantLinkConfig config_;
  QString uri_;
  State state_ = State::disconnected;
  QString state_text_ = "not connected";
  bool ever_connected_ = false;
  QDateTime away_since_; ///< when the connection was lost or the last nudge was made
  QTimer watchdog_;
  std::shared_ptr<Relay> relay_;
  std::unique_ptr<ConnectListener> listener_;
  std::unique_ptr<mqtt::connect_options> options_;
  std::unique_ptr<mqtt::async_client> client_;
};

} // namespace gigatwin::gui
