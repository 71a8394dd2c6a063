#include "participant-client/homework/caution_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace cft::participant {

CautionDialog::CautionDialog(const QString& practiceTitle, const QString& caution, Purpose purpose, QWidget* parent)
    : QDialog(parent) {
  setObjectName("cautionDialog");
  setWindowTitle(QStringLiteral("Go gently: %1").arg(practiceTitle));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(purpose == Purpose::BeforeFirstUse
                               ? QStringLiteral("Before you start this practice for the first time, a few words "
                                                "from your facilitators. You can read them again at any time.")
                               : QStringLiteral("A few words from your facilitators about this practice."));
  intro->setObjectName("cautionIntro");
  intro->setWordWrap(true);
  layout->addWidget(intro);
  auto* text = new QLabel(caution);
  text->setObjectName("cautionText");
  text->setTextFormat(Qt::PlainText);
  text->setWordWrap(true);
  text->setAccessibleName(QStringLiteral("Caution"));
  text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  text->setFocusPolicy(Qt::StrongFocus);
  // A soft box, no warning colours.
  text->setStyleSheet(QStringLiteral("background: #f4f1ea; padding: 8px;"));
  layout->addWidget(text);
  auto* buttons = new QDialogButtonBox;
  if (purpose == Purpose::BeforeFirstUse) {
    QPushButton* start = buttons->addButton(QStringLiteral("I have read this — start"), QDialogButtonBox::AcceptRole);
    start->setObjectName("cautionStartButton");
    start->setAccessibleName(start->text());
    start->setDefault(true);
    QPushButton* later = buttons->addButton(QStringLiteral("Not now"), QDialogButtonBox::RejectRole);
    later->setObjectName("cautionLaterButton");
    later->setAccessibleName(later->text());
  } else {
    QPushButton* close = buttons->addButton(QStringLiteral("Close"), QDialogButtonBox::AcceptRole);
    close->setObjectName("cautionCloseButton");
    close->setAccessibleName(close->text());
    close->setDefault(true);
  }
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  setMinimumWidth(fontMetrics().averageCharWidth() * 60);
}

}  // namespace cft::participant
