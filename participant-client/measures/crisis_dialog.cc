#include "participant-client/measures/crisis_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace cft::participant {

CrisisDialog::CrisisDialog(const QString& crisisText, QWidget* parent) : QDialog(parent) {
  setObjectName("crisisDialog");
  setWindowTitle(QStringLiteral("Help is available now"));
  setWindowModality(Qt::ApplicationModal);
  setWindowFlags(windowFlags() | Qt::WindowStaysOnTopHint);
  setAttribute(Qt::WA_DeleteOnClose);
  auto* layout = new QVBoxLayout(this);
  auto* heading = new QLabel(QStringLiteral("<h3>Thank you for telling us. You do not have to cope with this alone.</h3>"));
  heading->setWordWrap(true);
  layout->addWidget(heading);
  QString text = crisisText.trimmed();
  if (!text.contains(QStringLiteral("around the clock"))) {
    text += QStringLiteral("\nYour answers are not watched around the clock: if you need help now, please use these "
                           "numbers.");
  }
  text_ = new QLabel(text);
  text_->setObjectName("crisisText");
  text_->setWordWrap(true);
  text_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  text_->setAccessibleName(QStringLiteral("Crisis resources"));
  text_->setAccessibleDescription(text);
  // A frame and margin the label itself knows about (not a style sheet's
  // padding), so its wrapped height is computed right and no line is cut off.
  QFont big = text_->font();
  big.setPointSize(14);
  text_->setFont(big);
  text_->setFrameStyle(QFrame::Box | QFrame::Plain);
  text_->setLineWidth(2);
  text_->setMargin(8);
  text_->setFixedWidth(560);
  layout->addWidget(text_);
  auto* buttons = new QDialogButtonBox;
  auto* read = buttons->addButton(QStringLiteral("I have read this"), QDialogButtonBox::AcceptRole);
  read->setObjectName("crisisReadButton");
  read->setDefault(true);
  read->setAutoDefault(true);
  connect(read, &QPushButton::clicked, this, &QDialog::accept);
  layout->addWidget(buttons);
  // Exactly as large as everything in it: the whole text is always shown.
  layout->setSizeConstraint(QLayout::SetFixedSize);
}

CrisisDialog* CrisisDialog::showNow(const QString& crisisText, QWidget* parent) {
  auto* dialog = new CrisisDialog(crisisText, parent);
  dialog->show();
  dialog->raise();
  dialog->activateWindow();
  return dialog;
}

QString CrisisDialog::text() const { return text_->text(); }

}  // namespace cft::participant
