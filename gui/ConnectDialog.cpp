#include "ConnectDialog.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gigatwin::gui {

namespace {
constexpr const char* password_variable = "GIGATWIN_MQTT_PASSWORD";

QString unreadable(const QString& what, const QString& path) {
  if (path.isEmpty())
    return "choose the " + what;
  const QFileInfo info(path);
  if (!info.exists())
    return "the " + what + " " + path + " does not exist";
  if (!info.isFile())
    return "the " + what + " " + path + " is not a file";
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return "cannot read the " + what + " " + path + ": " + file.errorString();
  return {};
}

/// A file's first line, without its line end.
QString first_line(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return {};
  QByteArray line = file.readLine(4096);
  while (line.endsWith('\n') || line.endsWith('\r'))
    line.chop(1);
  return QString::fromUtf8(line);
}

/// A file picker beside a line edit.
QWidget* with_browse(QLineEdit* edit, QPushButton* button) {
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit, 1);
  layout->addWidget(button);
  return row;
}
} // namespace

QString settings_problem(const ConnectSettings& s) {
  QString why;
  if (PlantLink::broker_uri(s.url, &why).isEmpty())
    return why;
  if (const QString p = PlantLink::prefix_problem(s.prefix); !p.isEmpty())
    return p;
  if (s.password != ConnectSettings::Password::none && s.user.trimmed().isEmpty())
    return "a password goes with a user name: fill in the user, or choose no password";
  if (s.password == ConnectSettings::Password::file) {
    if (const QString p = unreadable("password file", s.password_file); !p.isEmpty())
      return p;
    if (first_line(s.password_file).isEmpty())
      return "the password file " + s.password_file + " has an empty first line (the password goes there)";
  }
  if (s.password == ConnectSettings::Password::environment && !qEnvironmentVariableIsSet(password_variable))
    return QString("%1 is not set in the app's environment: start the app with it set, or use a password "
                   "file")
        .arg(password_variable);
  if (!s.ca_file.isEmpty()) {
    if (!s.url.trimmed().startsWith("mqtts://") && !s.url.trimmed().startsWith("ssl://"))
      return "a CA file is for a TLS broker: write the URL as mqtts://host:port, or clear the CA file";
    if (const QString p = unreadable("CA file", s.ca_file); !p.isEmpty())
      return p;
  }
  return {};
}

std::optional<PlantLinkConfig> link_config(const ConnectSettings& s, QString* why) {
  *why = settings_problem(s);
  if (!why->isEmpty())
    return std::nullopt;
  PlantLinkConfig config;
  config.url = s.url.trimmed();
  config.prefix = s.prefix;
  config.user = s.user.trimmed();
  config.ca_file = s.ca_file;
  if (s.password == ConnectSettings::Password::file)
    config.password = first_line(s.password_file);
  else if (s.password == ConnectSettings::Password::environment)
    config.password = qEnvironmentVariable(password_variable);
  return config;
}

ConnectDialog::ConnectDialog(const ConnectSettings& initial, QWidget* parent) : QDialog(parent) {
  setWindowTitle("Connect to plant");
  url_ = new QLineEdit(initial.url);
  url_->setPlaceholderText("mqtt://host:port or mqtts://host:port");
  url_->setToolTip("The MQTT broker the twin publishes to: mqtt:// (TCP) or mqtts:// (TLS)");
  prefix_ = new QLineEdit(initial.prefix);
  prefix_->setToolTip("The twin's topics: <prefix>/floor, /forecast, /actual, /drift, /status "
                      "(gigatwin twin --topic; default gigatwin/twin)");
  user_ = new QLineEdit(initial.user);
  user_->setPlaceholderText("none: anonymous");
  password_ = new QComboBox;
  password_->addItems({"none", "from a file (its first line)", QString("from %1").arg(password_variable)});
  password_->setCurrentIndex(static_cast<int>(initial.password));
  password_file_ = new QLineEdit(initial.password_file);
  browse_password_ = new QPushButton("Browse...");
  ca_file_ = new QLineEdit(initial.ca_file);
  ca_file_->setPlaceholderText("mqtts only; none: the system's authorities");
  auto* browse_ca = new QPushButton("Browse...");
  connect(browse_password_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, "Password file (the password on its first line)");
    if (!path.isEmpty())
      password_file_->setText(path);
  });
  connect(browse_ca, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, "The broker's certificate authority (PEM)",
                                                      QString(), "Certificates (*.pem *.crt);;All files (*)");
    if (!path.isEmpty())
      ca_file_->setText(path);
  });

  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
  form->addRow("&Broker:", url_);
  form->addRow("Twin's topic &prefix:", prefix_);
  form->addRow("&User:", user_);
  form->addRow("Pass&word:", password_);
  form->addRow("Password &file:", with_browse(password_file_, browse_password_));
  form->addRow("&CA file:", with_browse(ca_file_, browse_ca));
  auto* note = new QLabel("The password is read when connecting, from the file's first line or the "
                          "environment; it is never shown, stored or logged.");
  note->setWordWrap(true);
  message_ = new QLabel;
  message_->setWordWrap(true);
  message_->setStyleSheet("color: #b00020;");
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  connect_ = buttons->addButton("&Connect", QDialogButtonBox::AcceptRole);
  connect_->setDefault(true);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(note);
  layout->addWidget(message_);
  layout->addStretch(1);
  layout->addWidget(buttons);
  for (QLineEdit* edit : {url_, prefix_, user_, password_file_, ca_file_})
    connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::revalidate);
  connect(password_, &QComboBox::currentIndexChanged, this, &ConnectDialog::revalidate);
  setMinimumWidth(560);
  revalidate();
}

ConnectSettings ConnectDialog::settings() const {
  ConnectSettings s;
  s.url = url_->text().trimmed();
  s.prefix = prefix_->text().trimmed();
  s.user = user_->text().trimmed();
  s.password = static_cast<ConnectSettings::Password>(password_->currentIndex());
  s.password_file = password_file_->text().trimmed();
  s.ca_file = ca_file_->text().trimmed();
  return s;
}

QString ConnectDialog::problem() const {
  return message_->text();
}

void ConnectDialog::revalidate() {
  const bool from_file = password_->currentIndex() == static_cast<int>(ConnectSettings::Password::file);
  password_file_->setEnabled(from_file);
  browse_password_->setEnabled(from_file);
  const QString why = settings_problem(settings());
  message_->setText(why.isEmpty() ? QString() : why[0].toUpper() + why.mid(1) + ".");
  message_->setVisible(!why.isEmpty());
  connect_->setEnabled(why.isEmpty());
}

} // namespace gigatwin::gui
