#pragma once
// LabourFlowView: a Sankey diagram of a run's labour flows (LabourFlows) — each worker pool's
// headcount at the start and the hires on the left, each pool at the end, layoffs and attrition
// on the right, bands as wide as the workers they carry: stayed, reassigned, retrained, hired,
// laid off, quit, each in its colour, with the severance and training cost beside the layoffs and
// the retraining. Drawn with QPainter; renders to any paint device (the run report, PNG).

#include "LabourFlows.hpp"

#include <QWidget>

#include <optional>

namespace gigatwin::gui {

class LabourFlowView : public QWidget {
  Q_OBJECT
public:
  explicit LabourFlowView(QWidget* parent = nullptr);

  /// Shows `flows` under `title` (nullopt: a note that the run has no worker pools).
  void set_flows(std::optional<LabourFlows> flows, const QString& title);
  const std::optional<LabourFlows>& flows() const { return flows_; }
  QString title() const { return title_; }
  /// Draws the diagram into `rect` of `painter` (the widget, a report page, an image).
  void draw(QPainter& painter, const QRectF& rect) const;
  QSize sizeHint() const override { return {640, 420}; }

protected:
  void paintEvent(QPaintEvent* event) override;

private:
  std::optional<LabourFlows> flows_;
  QString title_;
};

} // namespace gigatwin::gui
