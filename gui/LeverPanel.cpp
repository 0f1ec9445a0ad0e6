#include "LeverPanel.hpp"

#include "scenario/StationGroupParser.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace gigatwin::gui {

namespace {
QString number(double v) {
  return QString::number(v, 'g', 10);
}

QString duration(double s) {
  if (std::fmod(s, 86400.0) == 0)
    return number(s / 86400.0) + "d";
  if (std::fmod(s, 3600.0) == 0)
    return number(s / 3600.0) + "h";
  return number(s) + "s";
}
} // namespace

LeverPanel::LeverPanel(QWidget* parent) : QWidget(parent) {
  outer_ = new QVBoxLayout(this);
  message_ = new QLabel(this);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  outer_->addWidget(message_);
  outer_->addStretch();
}

std::vector<LeverPanel::Lever> LeverPanel::levers_of(const scenario::ScenarioSpec& spec) {
  std::vector<Lever> out;
  const auto section = [&](const QString& title) {
    out.push_back({Lever::Kind::section, {}, title, {}, {}, {}, 0, 0});
  };
  const auto spin = [&](const QString& key, const QString& label, int value, int min, int max) {
    out.push_back({Lever::Kind::spin, key, label, QString::number(value), {}, {}, min, max});
  };
  const auto choice = [&](const QString& key, const QString& label, const QStringList& choices,
                          const QString& value) {
    out.push_back({Lever::Kind::choice, key, label, value, {}, choices, 0, 0});
  };
  const auto text = [&](const QString& key, const QString& label, const QString& value, const QString& hint) {
    out.push_back({Lever::Kind::text, key, label, value, hint, {}, 0, 0});
  };

  section("Run");
  text("horizon", "horizon", duration(spec.horizon_s), "simulated time, warm-up included (e.g. 42d)");
  spin("replications", "replications", static_cast<int>(spec.replications), 1, 1000);
  text("seed", "seed", QString::number(spec.seed), "master seed, 0 to 18446744073709551615 (2^64 - 1)");

  section("Station groups");
  for (std::size_t i = 0; i < spec.station_groups.size(); ++i) {
    const auto& g = spec.station_groups[i];
    const QString key = QString("station_groups[%1]").arg(i);
    const QString name = QString::fromStdString(g.name);
    spin(key + ".machines", name + " machines", static_cast<int>(g.machines), 1, 100000);
    if (g.modes.size() > 1) {
      QStringList modes;
      for (const auto& m : g.modes)
        modes << QString::fromStdString(std::string(scenario::mode_name(m.mode)));
      choice(key + ".mode", name + " mode", modes, modes.value(static_cast<qsizetype>(g.initial_mode)));
    }
    // Robots per machine in each automated mode (a manual mode has none to count).
    for (const auto& m : g.modes)
      if (m.mode != scenario::AutomationMode::manual) {
        const QString mode = QString::fromStdString(std::string(scenario::mode_name(m.mode)));
        spin(key + ".modes." + mode + ".robots", name + " robots/machine (" + mode + ")",
             static_cast<int>(m.robots_per_machine), 0, 1000000);
      }
  }
  if (spec.control_tower && spec.control_tower->has_outages()) {
    section("Control tower");
    QString outages = QString("%1 scheduled").arg(spec.control_tower->outages.size());
    if (spec.control_tower->random)
      outages += ", random";
    out.push_back({Lever::Kind::check,
                   "control_tower.enabled",
                   "outages",
                   spec.control_tower->enabled ? "true" : "false",
                   "on (" + outages + ")",
                   {},
                   0,
                   0});
  }
  if (!spec.worker_pools.empty()) {
    section("Workers");
    const QString currency = QString::fromStdString(spec.currency);
    for (std::size_t i = 0; i < spec.worker_pools.size(); ++i) {
      const auto& p = spec.worker_pools[i];
      const QString key = QString("worker_pools[%1]").arg(i);
      const QString name = QString::fromStdString(p.name);
      spin(key + ".headcount", name + " headcount", static_cast<int>(p.headcount), 0, 1000000);
      text(key + ".wage", name + " wage", number(p.wage_per_h) + " " + currency + "/h", "e.g. 9860 KRW/h");
      if (!p.calendar.empty()) { // the shift pattern: any of the scenario's calendars
        QStringList calendars;
        for (const auto& c : spec.calendars)
          calendars << QString::fromStdString(c.name);
        choice(key + ".calendar", name + " shifts", calendars, QString::fromStdString(p.calendar));
      }
    }
    text("labour.minimum_wage", "minimum wage",
         spec.labour.minimum_wage_per_h > 0 ? number(spec.labour.minimum_wage_per_h) + " " + currency + "/h"
                                            : QString(),
         "e.g. 10030 " + currency + "/h; empty: none");
    text("labour.weekly_cap", "weekly hour cap",
         spec.labour.weekly_cap_h > 0 ? number(spec.labour.weekly_cap_h) + "h" : QString(),
         "e.g. 52h; empty: no cap");
  }
  return out;
}

void LeverPanel::build(const scenario::ScenarioSpec& spec) {
  build_from(levers_of(spec));
  base_ = current_;
}

void LeverPanel::refresh(const scenario::ScenarioSpec& spec) {
  const std::vector<Lever> levers = levers_of(spec);
  const bool same_levers = std::equal(
      levers.begin(), levers.end(), shown_.begin(), shown_.end(), [](const Lever& a, const Lever& b) {
        return a.kind == b.kind && a.key == b.key && a.label == b.label && a.choices == b.choices;
      });
  if (same_levers) {
    for (const Lever& l : levers)
      if (l.kind != Lever::Kind::section && current_.value(l.key) != l.value)
        set_value(l.key, l.value);
    shown_ = levers;
    return;
  }
  // Groups or pools came or went: new rows; a lever's baseline stays what the scenario had.
  const QMap<QString, QString> base = base_;
  build_from(levers);
  for (auto it = base.begin(); it != base.end(); ++it)
    if (base_.contains(it.key()))
      base_[it.key()] = it.value();
}

void LeverPanel::build_from(const std::vector<Lever>& levers) {
  // Later, not now: the lever that asked for this may be on the call stack.
  if (form_host_) {
    form_host_->hide();
    form_host_->deleteLater();
  }
  form_host_ = new QWidget(this);
  form_ = new QFormLayout(form_host_);
  // Narrow: a row's field goes under its label rather than past the panel's edge.
  form_->setRowWrapPolicy(QFormLayout::WrapLongRows);
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  outer_->insertWidget(1, form_host_);
  order_.clear();
  widgets_.clear();
  base_.clear();
  current_.clear();
  for (const Lever& l : levers)
    switch (l.kind) {
    case Lever::Kind::section:
      add_section(l.label);
      break;
    case Lever::Kind::spin:
      add_spin(l.key, l.label, l.value.toInt(), l.min, l.max);
      break;
    case Lever::Kind::choice:
      add_choice(l.key, l.label, l.choices, l.value);
      break;
    case Lever::Kind::check:
      add_check(l.key, l.label, l.value == "true", l.hint);
      break;
    case Lever::Kind::text:
      add_text(l.key, l.label, l.value, l.hint);
      break;
    }
  shown_ = levers;
}

void LeverPanel::add_section(const QString& title) {
  auto* label = new QLabel("<b>" + title + "</b>", form_host_);
  form_->addRow(label);
}

void LeverPanel::add_spin(const QString& key, const QString& label, int value, int min, int max) {
  auto* spin = new QSpinBox(form_host_);
  spin->setRange(min, max);
  spin->setValue(value);
  spin->setObjectName(key);
  connect(spin, &QSpinBox::valueChanged, this, [this, key](int v) { user_changed(key, QString::number(v)); });
  form_->addRow(label, spin);
  order_ << key;
  widgets_[key] = spin;
  base_[key] = current_[key] = QString::number(value);
}

void LeverPanel::add_choice(const QString& key, const QString& label, const QStringList& choices,
                            const QString& value) {
  auto* box = new QComboBox(form_host_);
  box->addItems(choices);
  box->setCurrentText(value);
  box->setObjectName(key);
  connect(box, &QComboBox::currentTextChanged, this, [this, key](const QString& v) { user_changed(key, v); });
  form_->addRow(label, box);
  order_ << key;
  widgets_[key] = box;
  base_[key] = current_[key] = value;
}

void LeverPanel::add_check(const QString& key, const QString& label, bool value, const QString& text) {
  auto* check = new QCheckBox(text, form_host_);
  check->setChecked(value);
  check->setObjectName(key);
  connect(check, &QCheckBox::toggled, this,
          [this, key](bool on) { user_changed(key, on ? QStringLiteral("true") : QStringLiteral("false")); });
  form_->addRow(label, check);
  order_ << key;
  widgets_[key] = check;
  base_[key] = current_[key] = value ? "true" : "false";
}

void LeverPanel::add_text(const QString& key, const QString& label, const QString& value,
                          const QString& hint) {
  auto* edit = new QLineEdit(value, form_host_);
  edit->setPlaceholderText(hint);
  edit->setToolTip(hint);
  edit->setObjectName(key);
  connect(edit, &QLineEdit::editingFinished, this,
          [this, key, edit] { user_changed(key, edit->text().trimmed()); });
  form_->addRow(label, edit);
  order_ << key;
  widgets_[key] = edit;
  base_[key] = current_[key] = value;
}

void LeverPanel::user_changed(const QString& key, const QString& value) {
  const QString old = current_.value(key);
  if (old == value)
    return;
  current_[key] = value;
  emit lever_changed(key, old, value);
}

QStringList LeverPanel::overrides() const {
  QStringList out;
  for (const auto& key : order_)
    if (current_.value(key) != base_.value(key) && !current_.value(key).isEmpty())
      out << key + "=" + current_.value(key);
  return out;
}

QString LeverPanel::value(const QString& key) const {
  return current_.value(key);
}

QString LeverPanel::label(const QString& key) const {
  QWidget* w = widgets_.value(key);
  if (w == nullptr || form_ == nullptr)
    return {};
  const auto* text = qobject_cast<QLabel*>(form_->labelForField(w));
  return text ? text->text() : QString();
}

void LeverPanel::set_value(const QString& key, const QString& value) {
  QWidget* w = widgets_.value(key);
  if (w == nullptr)
    return;
  const QSignalBlocker block(w);
  if (auto* spin = qobject_cast<QSpinBox*>(w))
    spin->setValue(value.toInt());
  else if (auto* box = qobject_cast<QComboBox*>(w))
    box->setCurrentText(value);
  else if (auto* check = qobject_cast<QCheckBox*>(w))
    check->setChecked(value == "true");
  else if (auto* edit = qobject_cast<QLineEdit*>(w))
    edit->setText(value);
  current_[key] = value;
}

void LeverPanel::set_message(const QString& text, bool error) {
  message_->setText(text);
  message_->setStyleSheet(error ? "QLabel { color: #b00020; }" : "");
}

QString LeverPanel::message() const {
  return message_->text();
}

} // namespace gigatwin::gui
