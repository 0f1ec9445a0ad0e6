#include "TwinLink.hpp"

#include "LivePublisher.hpp"

#include "kernel/Descriptor.hpp"

#include <mqtt/async_client.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

namespace gigatwin::cli {

TwinLink::TwinLink(TwinLinkConfig config) : config_(std::move(config)) {
  std::string why;
  const std::string uri = broker_uri(config_.url, why);
  if (uri.empty())
    throw std::runtime_error(why);
  client_ = std::make_unique<mqtt::async_client>(uri, config_.client_id);
  connect_options_ = std::make_unique<mqtt::connect_options>();
  mqtt::connect_options& options = *connect_options_;
  // A persistent session: QoS 1 events sent while the twin reconnects wait at the broker.
  options.set_clean_session(false);
  options.set_keep_alive_interval(20);
  options.set_automatic_reconnect(1, 30);
  options.set_connect_timeout(10);
  if (!config_.user.empty()) {
    options.set_user_name(config_.user);
    options.set_password(config_.password);
  }
  if (uri.rfind("ssl://", 0) == 0) {
    mqtt::ssl_options ssl;
    if (!config_.ca_file.empty())
      ssl.set_trust_store(config_.ca_file);
    ssl.set_enable_server_cert_auth(true);
    options.set_ssl(ssl);
  }
  options.set_will(
      mqtt::message(config_.twin_prefix + "/status", std::string(R"({"state":"gone"})"), 1, true));
  // Subscriptions are made on every connect: a broker that lost the session (restarted without
  // persistence) gets them again.
  const std::string plant = config_.plant_prefix;
  const std::string twin = config_.twin_prefix;
  client_->set_connected_handler([this, plant, twin](const std::string&) {
    try {
      client_->subscribe(plant + "/events", 1);
      client_->subscribe(plant + "/status", 1);
      client_->subscribe(twin + "/request", 1);
    } catch (const mqtt::exception&) {
      // the connection dropped again: the next connect subscribes
    }
  });
  next_number_ = next_to_take_ = config_.journal_first;
  if (!config_.journal.empty())
    open_journal(true);
  client_->set_message_callback([this](mqtt::const_message_ptr message) {
    if (message)
      arrived(message->get_topic(), message->to_string());
  });
  try {
    client_->connect(options)->wait();
    // Subscribed before anything else: the twin says it follows only once the broker has its
    // subscriptions (the handler above makes them again after a reconnect).
    client_->subscribe(plant + "/events", 1)->wait();
    client_->subscribe(plant + "/status", 1)->wait();
    client_->subscribe(twin + "/request", 1)->wait();
  } catch (const mqtt::exception& e) {
    throw std::runtime_error("cannot connect to the MQTT broker at " + config_.url + ": " + e.what());
  }
}

TwinLink::~TwinLink() {
  if (client_ && client_->is_connected()) {
    try {
      client_->disconnect()->wait_for(std::chrono::seconds(2));
    } catch (const mqtt::exception&) {
      // already gone
    }
  }
  if (client_)
    client_->set_message_callback([](mqtt::const_message_ptr) {});
  if (journal_fd_ >= 0)
    ::close(journal_fd_);
}

void TwinLink::open_journal(bool append) {
  journal_fd_ = ::open(config_.journal.c_str(),
                       O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (append ? 0 : O_TRUNC), 0600);
  if (journal_fd_ < 0)
    throw std::runtime_error("cannot write the journal '" + config_.journal + "': " + std::strerror(errno));
}

namespace {

std::string journal_line(std::uint64_t number, const std::string& payload) {
  try {
    return nlohmann::json{{"i", number}, {"m", payload}}.dump() + "\n";
  } catch (const nlohmann::json::exception&) {
    // Not UTF-8, so no JSON event: kept as what it was, a malformed message.
    return nlohmann::json{{"i", number}, {"malformed", true}}.dump() + "\n";
  }
}

} // namespace

void TwinLink::arrived(const std::string& topic, std::string payload) {
  TwinMessage out;
  out.topic = topic == config_.plant_prefix + "/events"   ? TwinMessage::Topic::event
              : topic == config_.plant_prefix + "/status" ? TwinMessage::Topic::plant_status
              : topic == config_.twin_prefix + "/request" ? TwinMessage::Topic::request
                                                          : TwinMessage::Topic::other;
  out.payload = std::move(payload);
  {
    std::lock_guard lock(mutex_);
    if (out.topic == TwinMessage::Topic::event) {
      out.number = next_number_++;
      // One write of a whole line: a kill leaves the journal with whole lines (and at worst the
      // last cut short, which the reader skips).
      if (journal_fd_ >= 0 && !kernel::write_all(journal_fd_, journal_line(out.number, out.payload)))
        journal_failed_ = true;
    }
    queue_.push_back(std::move(out));
  }
  arrived_.notify_one();
}

void TwinLink::trim_journal() {
  if (config_.journal.empty())
    return;
  std::lock_guard lock(mutex_);
  std::string kept;
  for (const auto& m : queue_)
    if (m.topic == TwinMessage::Topic::event)
      kept += journal_line(m.number, m.payload);
  const std::string temporary = config_.journal + ".new";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || !kernel::write_all(fd, kept) || ::close(fd) != 0 ||
      std::rename(temporary.c_str(), config_.journal.c_str()) != 0) {
    if (fd >= 0)
      std::remove(temporary.c_str());
    throw std::runtime_error("cannot write the journal '" + config_.journal + "': " + std::strerror(errno));
  }
  if (journal_fd_ >= 0)
    ::close(journal_fd_);
  open_journal(true);
  if (journal_failed_) {
    journal_failed_ = false;
    throw std::runtime_error("the journal '" + config_.journal +
                             "' could not be written for a while (disk full?)");
  }
}

bool TwinLink::next(TwinMessage& out, std::chrono::milliseconds wait) {
  bool got = false;
  {
    std::unique_lock lock(mutex_);
    if (arrived_.wait_for(lock, wait, [this] { return !queue_.empty(); })) {
      out = std::move(queue_.front());
      queue_.pop_front();
      if (out.topic == TwinMessage::Topic::event)
        next_to_take_ = out.number + 1;
      got = true;
    }
  }
  if (!got) {
    // Paho's own reconnect sometimes stops trying after a broker restart: ask again, every 3 s.
    const auto now = std::chrono::steady_clock::now();
    if (client_->is_connected()) {
      away_since_.reset();
    } else if (!away_since_) {
      away_since_ = now;
    } else if (now - *away_since_ > std::chrono::seconds(3)) {
      away_since_ = now;
      try {
        client_->connect(*connect_options_);
      } catch (const mqtt::exception&) {
        // still away
      }
    }
    return false;
  }
  return true;
}

void TwinLink::publish(const std::string& subtopic, const std::string& payload, bool retained) {
  try {
    client_->publish(config_.twin_prefix + "/" + subtopic, payload.data(), payload.size(), 1, retained);
  } catch (const mqtt::exception&) {
    ++publish_failures_;
  }
}

void TwinLink::close(const std::string& final_status) {
  try {
    client_->publish(config_.twin_prefix + "/status", final_status.data(), final_status.size(), 1, true)
        ->wait_for(std::chrono::seconds(5));
    client_->disconnect()->wait_for(std::chrono::seconds(5));
  } catch (const mqtt::exception&) {
    ++publish_failures_;
  }
}

} // namespace gigatwin::cli
