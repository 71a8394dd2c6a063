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
  text_->setStyleSheet(QStringLiteral("font-size: 14pt; padding: 8px; border: 2px solid #8a1c1c;"));
  layout->addWidget(text_);
  auto* buttons = new QDialogButtonBox;
  auto* read = buttons->addButton(QStringLiteral("I have read this"), QDialogButtonBox::AcceptRole);
  read->setObjectName("crisisReadButton");
  read->setDefault(true);
  read->setAutoDefault(true);
  connect(read, &QPushButton::clicked, this, &QDialog::accept);
  layout->addWidget(buttons);
  setMinimumWidth(520);
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
