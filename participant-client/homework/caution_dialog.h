// A practice's safety caution as gentle guidance (never an alarm): before
// the practice's first use, with the choice to start or leave it for now,
// and again whenever the participant asks to re-read it.
#pragma once

#include <QDialog>

namespace cft::participant {

class CautionDialog : public QDialog {
  Q_OBJECT

 public:
  enum class Purpose { BeforeFirstUse, Reread };

  CautionDialog(const QString& practiceTitle, const QString& caution, Purpose purpose, QWidget* parent = nullptr);
};

}  // namespace cft::participant
