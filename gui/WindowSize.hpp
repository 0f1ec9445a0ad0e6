#pragma once
// WindowSize: the size a window opens at — the one it was laid out for where the screen has
// room, else the screen's available area, so that a laptop's 1366 x 768 shows every panel instead
// of running off its edges.

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

#include <algorithm>

namespace gigatwin::gui {

inline void resize_to_fit(QWidget& window, int preferred_width, int preferred_height) {
  const QScreen* screen = QGuiApplication::primaryScreen();
  const QRect area =
      screen != nullptr ? screen->availableGeometry() : QRect(0, 0, preferred_width, preferred_height);
  window.resize(std::min(preferred_width, area.width()), std::min(preferred_height, area.height()));
}

} // namespace gigatwin::gui
