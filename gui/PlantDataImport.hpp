#pragma once
// PlantDataImport: File > Import plant data — a plant's event log fitted to the open scenario by
// the CLI (`gigatwin fit`, in the background: a year's log takes a minute), its report shown
// (what was fitted from how much, the family chosen, the KS and AD statistics; the rows of the
// log it dropped and why) and its P-P/Q-Q plots (the report's SVG files), and on Apply the fitted scenario
// handed to the window, which applies it to the scenario being edited as one undoable change.

#include <QDialog>
#include <QPixmap>
#include <QProcess>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QScrollArea;

namespace gigatwin::gui {

class PlantDataImport : public QDialog {
  Q_OBJECT
public:
  /// Fits `log` over `scenario` (its file), writing the fitted scenario into `work`.
  PlantDataImport(const QString& cli, const QString& scenario, const QString& log, const QString& work,
                  QWidget* parent = nullptr);
  ~PlantDataImport() override;

  bool fitting() const;
  bool succeeded() const { return ok_; }
  QString report() const;
  QString fitted_path() const { return fitted_; }
  /// The plots of the report, by their file names (empty until the fit succeeded).
  QStringList plots() const;
  /// Shows the plot `index` of plots(); the plot shown, as drawn (for tests).
  void show_plot(int index);
  QPixmap shown_plot() const;
  /// What Apply does (for tests).
  void apply();

protected:
  void resizeEvent(QResizeEvent* event) override;

signals:
  /// The fit ended: ok, or not (the report says why).
  void finished(bool ok);
  /// Apply was chosen: the fitted scenario (it extends the scenario's file).
  void apply_requested(const QString& fitted_path);

private:
  QProcess process_;
  QString fitted_;
  bool ok_ = false;
  QLabel* status_ = nullptr;
  QProgressBar* busy_ = nullptr;
  QPlainTextEdit* report_ = nullptr;
  QComboBox* plot_choice_ = nullptr;
  QLabel* plot_ = nullptr;
  QScrollArea* plot_area_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
};

} // namespace gigatwin::gui
