#include "PlantLink.hpp"

#include "TwinMessages.hpp"

#include <mqtt/async_client.h>

#include <QRegularExpression>
#include <QUuid>

#include <mutex>

namespace gigatwin::gui {

/// What Paho's threads reach of the link: a pointer cleared (under the lock) before the link goes,
/// so a callback running while it is destroyed posts nothing. Qt drops what was posted to an
/// object deleted since.
struct PlantLink::Relay {
  std::mutex mutex;
  PlantLink* link = nullptr;

  template <class F> void post(F f) {
    const std::lock_guard<std::mutex> lock(mutex);
    if (link != nullptr)
      QMetaObject::invokeMethod(
          link, [l = link, f = std::move(f)] { f(l); }, Qt::QueuedConnection);
  }
};

/// A connect's outcome, on Paho's thread: success is reported by the connected handler (which
/// also follows Paho's automatic reconnects); failure goes to the link with Paho's code.
class PlantLink::ConnectListener : public mqtt::iaction_listener {
public:
  explicit ConnectListener(std::shared_ptr<Relay> relay) : relay_(std::move(relay)) {}
  void on_failure(const mqtt::token& token) override {
    const int code = token.get_return_code();
    relay_->post([code](PlantLink* l) { l->on_connect_failed(code); });
  }
  void on_success(const mqtt::token&) override {}

private:
  std::shared_ptr<Relay> relay_;
};

namespace {
const char* const topic_names[] = {"floor", "forecast", "actual", "drift", "status"};

/// MQTT 3.1.1's CONNACK codes (1 to 5), then Paho's own, in words.
QString connect_failure_words(int code) {
  switch (code) {
  case 1:
    return "the broker does not speak MQTT 3.1.1";
  case 2:
    return "the broker refused the client id";
  case 3:
    return "the broker says it is unavailable";
  case 4:
    return "bad user name or password";
  case 5:
    return "not authorised (the broker's access rules)";
  case -1:
    return "no broker answered (TCP or TLS connection failed or timed out)";
  default:
    return QString::fromStdString(mqtt::exception::error_str(code));
  }
}

/// Why a connect failed, in words and its code.
QString connect_failure(int code) {
  return connect_failure_words(code) + QString(" (code %1)").arg(code);
}

/// Refusals that asking again will not change.
bool final_refusal(int code) {
  return code == 1 || code == 2 || code == 4 || code == 5;
}
} // namespace

QString PlantLink::broker_uri(const QString& url, QString* why) {
  static const QRegularExpression form(R"(^(mqtts?|tcp|ssl)://([^/:\s]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$)");
  const auto match = form.match(url.trimmed());
  if (!match.hasMatch() || match.captured(3).toInt() < 1 || match.captured(3).toInt() > 65535) {
    *why =
        "the broker's URL must be mqtt://host:port or mqtts://host:port (TLS), e.g. mqtt://127.0.0.1:1883; "
        "found '" +
        url + "'";
    return {};
  }
  const QString scheme = match.captured(1);
  return (scheme == "mqtt" || scheme == "tcp" ? "tcp://" : "ssl://") + match.captured(2) + ":" +
         match.captured(3);
}

QString PlantLink::prefix_problem(const QString& prefix) {
  if (prefix.isEmpty())
    return "the twin's topic prefix is empty (the twin's default is gigatwin/twin)";
  if (prefix.contains('#') || prefix.contains('+'))
    return "the twin's topic prefix '" + prefix + "' holds a wildcard (# or +): name the twin's own prefix";
  if (prefix.startsWith('/') || prefix.endsWith('/'))
    return "the twin's topic prefix '" + prefix + "' starts or ends with '/': write it as gigatwin/twin";
  if (prefix.contains(QChar(0)))
    return "the twin's topic prefix holds a NUL character";
  return {};
}

PlantLink::PlantLink(PlantLinkConfig config, QObject* parent)
    : QObject(parent), config_(std::move(config)), relay_(std::make_shared<Relay>()) {
  relay_->link = this;
  listener_ = std::make_unique<ConnectListener>(relay_);
  watchdog_.setInterval(3000);
  connect(&watchdog_, &QTimer::timeout, this, &PlantLink::nudge);
}

PlantLink::~PlantLink() {
  {
    const std::lock_guard<std::mutex> lock(relay_->mutex);
    relay_->link = nullptr;
  }
  stop_client(); // no signal from a link going away: its receivers may be going too
}

void PlantLink::open() {
  if (client_)
    return;
  QString why = prefix_problem(config_.prefix);
  uri_ = why.isEmpty() ? broker_uri(config_.url, &why) : QString();
  if (uri_.isEmpty()) {
    set_state(State::refused, "cannot connect: " + why);
    return;
  }
  // A random client id: two viewers (or a viewer and a twin) never throw each other off.
  const std::string id = "gigatwin-gui-" + QUuid::createUuid().toString(QUuid::Id128).left(12).toStdString();
  options_ = std::make_unique<mqtt::connect_options>();
  options_->set_clean_session(true);
  options_->set_keep_alive_interval(20);
  options_->set_automatic_reconnect(1, 30);
  options_->set_connect_timeout(10);
  if (!config_.user.isEmpty()) {
    options_->set_user_name(config_.user.toStdString());
    options_->set_password(config_.password.toStdString());
  }
  if (uri_.startsWith("ssl://")) {
    mqtt::ssl_options ssl;
    if (!config_.ca_file.isEmpty())
      ssl.set_trust_store(config_.ca_file.toStdString());
    ssl.set_enable_server_cert_auth(true);
    options_->set_ssl(ssl);
  }
  try {
    client_ = std::make_unique<mqtt::async_client>(uri_.toStdString(), id);
  } catch (const mqtt::exception& e) {
    set_state(State::refused, "cannot connect to " + config_.url + ": " + QString::fromStdString(e.what()));
    return;
  }
  // Paho's threads: subscribe at once on every connect (a clean session forgets subscriptions),
  // then tell the GUI thread; copy each message's payload (at most one byte over the bound) there.
  const std::string prefix = config_.prefix.toStdString();
  mqtt::async_client* client = client_.get();
  const std::shared_ptr<Relay> relay = relay_;
  client_->set_connected_handler([client, prefix, relay](const std::string&) {
    try {
      std::vector<std::string> topics;
      for (const char* name : topic_names)
        topics.push_back(prefix + "/" + name);
      client->subscribe(mqtt::string_collection::create(topics), std::vector<int>(topics.size(), 1));
    } catch (const mqtt::exception&) {
      // the connection dropped again: the next connect subscribes
    }
    relay->post([](PlantLink* l) { l->on_connected(); });
  });
  client_->set_connection_lost_handler([relay](const std::string& cause) {
    relay->post([cause = QString::fromStdString(cause)](PlantLink* l) { l->on_lost(cause); });
  });
  client_->set_message_callback([prefix, relay](mqtt::const_message_ptr message) {
    if (!message)
      return;
    const std::string& topic = message->get_topic();
    for (int t = 0; t < static_cast<int>(std::size(topic_names)); ++t) {
      if (topic != prefix + "/" + topic_names[t])
        continue;
      const mqtt::binary_ref& payload = message->get_payload_ref();
      const std::size_t kept = std::min<std::size_t>(payload.size(), max_twin_message_bytes + 1);
      QByteArray bytes(payload.data(), static_cast<qsizetype>(kept));
      relay->post([t, bytes = std::move(bytes)](PlantLink* l) {
        emit l->message_arrived(static_cast<Topic>(t), bytes);
      });
      return;
    }
  });
  set_state(State::connecting, "connecting to " + config_.url + "...");
  try {
    client_->connect(*options_, nullptr, *listener_);
  } catch (const mqtt::exception& e) {
    set_state(State::refused, "cannot connect to " + config_.url + ": " + QString::fromStdString(e.what()));
  }
  watchdog_.start();
}

void PlantLink::close() {
  const bool was_open = client_ != nullptr;
  stop_client();
  if (was_open && state_ != State::refused)
    set_state(State::disconnected, "disconnected from " + config_.url);
}

void PlantLink::stop_client() {
  watchdog_.stop();
  if (!client_)
    return;
  try {
    if (client_->is_connected())
      client_->disconnect()->wait_for(std::chrono::seconds(2));
  } catch (const mqtt::exception&) {
    // already gone
  }
  // The callbacks hold no pointer to this link, only to the relay; the client's end stops them.
  client_.reset();
}

void PlantLink::set_state(State state, const QString& text) {
  if (state == state_ && text == state_text_)
    return;
  state_ = state;
  state_text_ = text;
  emit state_changed(state, text);
}

void PlantLink::on_connected() {
  if (!client_) // posted before the link was closed
    return;
  ever_connected_ = true;
  away_since_ = QDateTime();
  set_state(State::connected, "connected to " + config_.url + ", following " + config_.prefix + "/");
}

void PlantLink::on_lost(const QString& cause) {
  if (!client_)
    return;
  away_since_ = QDateTime::currentDateTimeUtc();
  set_state(State::reconnecting, "connection to " + config_.url + " lost" +
                                     (cause.isEmpty() ? QString() : " (" + cause + ")") +
                                     "; reconnecting...");
}

void PlantLink::on_connect_failed(int code) {
  if (!client_)
    return;
  const QString reason = connect_failure(code);
  if (final_refusal(code)) {
    watchdog_.stop();
    set_state(State::refused, "the broker at " + config_.url + " refused the connection: " + reason);
    return;
  }
  // Not there (yet), or away again: the watchdog asks again.
  away_since_ = QDateTime::currentDateTimeUtc();
  if (ever_connected_)
    set_state(State::reconnecting,
              "still no broker at " + config_.url + " (" + reason + "); reconnecting...");
  else
    set_state(State::refused, "cannot connect to " + config_.url + ": " + reason + "; trying again");
}

void PlantLink::nudge() {
  if (!client_ || client_->is_connected() || !away_since_.isValid() ||
      away_since_.msecsTo(QDateTime::currentDateTimeUtc()) < 3000)
    return;
  away_since_ = QDateTime::currentDateTimeUtc();
  try {
    client_->connect(*options_, nullptr, *listener_);
  } catch (const mqtt::exception&) {
    // a connect (Paho's own, or the last nudge) is still under way
  }
}

} // namespace gigatwin::gui
