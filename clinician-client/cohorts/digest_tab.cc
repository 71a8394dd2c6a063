#include "clinician-client/cohorts/digest_tab.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "clinician-client/cohorts/cohort_homework_model.h"

namespace cft::clinician {

DigestTab::DigestTab(CohortHomeworkModel& model, SessionTableModel* sessions, QWidget* parent)
    : QWidget(parent), model_(model), sessions_(sessions) {
  setObjectName("digestTab");
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  auto* label = new QLabel(QStringLiteral("For"));
  session_ = new QComboBox;
  session_->setObjectName("digestSessionCombo");
  session_->setAccessibleName(QStringLiteral("The session to prepare for"));
  label->setBuddy(session_);
  auto* refresh = new QPushButton(QStringLiteral("Refresh"));
  refresh->setObjectName("refreshDigestButton");
  refresh->setAccessibleName(QStringLiteral("Refresh the digest"));
  bar->addWidget(label);
  bar->addWidget(session_, 1);
  bar->addWidget(refresh);
  layout->addLayout(bar);
  view_ = new QTextBrowser;
  view_->setObjectName("digestView");
  view_->setAccessibleName(QStringLiteral("What to know before the session"));
  layout->addWidget(view_, 1);
  connect(refresh, &QPushButton::clicked, this, [this] { model_.reload(CohortHomeworkModel::Part::Digest); });
  connect(session_, &QComboBox::activated, this,
          [this](int index) { model_.setDigestSession(session_->itemData(index).toLongLong()); });
  connect(sessions_, &QAbstractItemModel::modelReset, this, &DigestTab::fillSessions);
  connect(&model_, &CohortHomeworkModel::changed, this, [this](CohortHomeworkModel::Part part) {
    if (part == CohortHomeworkModel::Part::Digest) render();
  });
  fillSessions();
  render();
}

void DigestTab::fillSessions() {
  session_->clear();
  session_->addItem(QStringLiteral("The next session"), qint64(0));
  for (const client::SessionInfo& s : sessions_->rows()) {
    if (s.status == client::SessionStatus::Cancelled) continue;
    session_->addItem(QStringLiteral("Week %1 · %2").arg(s.week).arg(s.localDisplay), s.id);
  }
  const int current = session_->findData(model_.digestSession());
  session_->setCurrentIndex(current < 0 ? 0 : current);
}

void DigestTab::render() {
  view_->setHtml(model_.digestHtml());
  const int current = session_->findData(model_.digestSession());
  if (current >= 0) session_->setCurrentIndex(current);
}

}  // namespace cft::clinician
