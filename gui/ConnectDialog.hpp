#pragma once
// ConnectDialog: File > Connect to plant — where the live twin publishes (the broker's URL and
// the twin's topic prefix) and how to get in (a user, a password from a file's first line or from
// GIGATWIN_MQTT_PASSWORD, a CA file for mqtts). Every field is checked as it is typed, with one
// message naming the first problem (a URL that is not mqtt:// or mqtts://, a prefix with a
// wildcard or a slash at an end, a file that cannot be read), and Connect stays disabled until
// there is none. The password itself never appears in the dialog: it is read when connecting,
// held only by the link, never stored or logged.

#include "PlantLink.hpp"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace gigatwin::gui {

/// What the dialog asks, without the password itself (this is what the app remembers).
struct ConnectSettings {
  enum class Password { none, file, environment };
  QString url = "mqtt://127.0.0.1:1883";
  QString prefix = "gigatwin/twin";
  QString user;
  Password password = Password::none;
  QString password_file;
  QString ca_file;
};

/// "" when the settings can be tried, else their first problem in a sentence.
QString settings_problem(const ConnectSettings& settings);
/// The link's configuration, the password read from its file (first line) or the environment;
/// nothing (and `why`) when the settings have a problem.
std::optional<PlantLinkConfig> link_config(const ConnectSettings& settings, QString* why);

class ConnectDialog : public QDialog {
  Q_OBJECT
public:
  explicit ConnectDialog(const ConnectSettings& initial = {}, QWidget* parent = nullptr);

  ConnectSettings settings() const;
  /// The message shown ("" when the settings are fine).
  QString problem() const;
  QPushButton* connect_button() const { return connect_; }
  QLineEdit* url_edit() const { return url_; }
  QLineEdit* prefix_edit() const { return prefix_; }

private:
  void revalidate();
  QLineEdit* url_ = nullptr;
  QLineEdit* prefix_ = nullptr;
  QLineEdit* user_ = nullptr;
  QComboBox* password_ = nullptr;
  QLineEdit* password_file_ = nullptr;
  QPushButton* browse_password_ = nullptr;
  QLineEdit* ca_file_ = nullptr;
  QLabel* message_ = nullptr;
  QPushButton* connect_ = nullptr;
};

} // namespace gigatwin::gui
