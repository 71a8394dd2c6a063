#include "participant-client/programme/programme_page.h"

#include <QFileDialog>
#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "client-shared/error_reporter.h"
#include "participant-client/programme/programme_page_model.h"

namespace cft::participant {

ProgrammePage::ProgrammePage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), errors_(errors), model_(new ProgrammePageModel(session, this)) {
  auto* layout = new QVBoxLayout(this);
  // The title on a line of its own, not wrapped: a word-wrapped rich-text
  // label whose text changes after layout can be given too little height.
  title_ = new QLabel;
  title_->setObjectName("programmeTitle");
  QFont big = title_->font();
  big.setPointSizeF(big.pointSizeF() * 1.4);
  big.setBold(true);
  title_->setFont(big);
  title_->setTextFormat(Qt::PlainText);
  title_->hide();
  layout->addWidget(title_);
  heading_ = new QLabel(model_->heading());
  heading_->setObjectName("programmeHeading");
  heading_->setTextFormat(Qt::PlainText);
  heading_->setWordWrap(true);
  layout->addWidget(heading_);
  auto* bar = new QHBoxLayout;
  next_ = new QLabel;
  next_->setObjectName("nextSessionLabel");
  next_->setWordWrap(true);
  bar->addWidget(next_, 1);
  export_ = new QPushButton(QStringLiteral("Add the sessions to my calendar…"));
  export_->setObjectName("exportCalendarButton");
  bar->addWidget(export_);
  layout->addLayout(bar);
  auto* split = new QSplitter;
  weeks_ = new QListView;
  weeks_->setObjectName("weeksList");
  weeks_->setModel(model_->weeks());
  weeks_->setSelectionModel(model_->weekSelection());
  weeks_->setMaximumWidth(320);
  weeks_->setMinimumWidth(200);
  // Long week titles wrap instead of hiding behind a sideways scroll bar.
  weeks_->setWordWrap(true);
  weeks_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  content_ = new QTextBrowser;
  content_->setObjectName("weekContent");
  content_->setOpenExternalLinks(false);
  split->addWidget(weeks_);
  split->addWidget(content_);
  split->setStretchFactor(1, 3);
  layout->addWidget(split, 1);

  connect(export_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save the calendar"),
                                                      QStringLiteral("my-group.ics"),
                                                      QStringLiteral("Calendar files (*.ics)"));
    if (!path.isEmpty()) model_->exportCalendar(path);
  });
  connect(model_, &ProgrammePageModel::loaded, this, &ProgrammePage::render);
  connect(model_, &ProgrammePageModel::weekChanged, this, [this] { content_->setHtml(model_->weekHtml()); });
  connect(model_, &ProgrammePageModel::failed, this, [this](const client::RpcError& e) {
    heading_->setText(model_->heading());
    errors_.report(e);
  });
}

void ProgrammePage::render() {
  title_->setText(model_->title());
  title_->show();
  heading_->setText(model_->heading());
  next_->setText(model_->nextSession());
  content_->setHtml(model_->weekHtml());
}

}  // namespace cft::participant
