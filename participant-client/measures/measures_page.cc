#include "participant-client/measures/measures_page.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "client-shared/clock.h"
#include "client-shared/error_reporter.h"
#include "client-shared/measure_cache.h"
#include "client-shared/outbox.h"
#include "client-shared/widgets.h"
#include "participant-client/measures/crisis_dialog.h"
#include "participant-client/measures/measures_page_model.h"
#include "participant-client/measures/questionnaire_dialog.h"
#include "participant-client/measures/questionnaire_model.h"

namespace cft::participant {

MeasuresPage::MeasuresPage(client::ApiSession& session, client::ErrorReporter& errors, client::Clock& clock,
                           std::unique_ptr<client::Outbox> outbox, std::unique_ptr<client::MeasureCache> cache,
                           const QString& problem, QWidget* parent)
    : QWidget(parent),
      errors_(errors),
      clock_(clock),
      model_(new MeasuresPageModel(session, clock, std::move(outbox), std::move(cache), problem, this)) {
  setObjectName("measuresPage");
  auto* layout = new QVBoxLayout(this);
  heading_ = new QLabel;
  heading_->setObjectName("measuresHeading");
  heading_->setWordWrap(true);
  layout->addWidget(heading_);
  table_ = client::makeTable("dueTable", model_->due(), model_->selection());
  table_->setAccessibleName(QStringLiteral("Questionnaires to fill in"));
  layout->addWidget(table_, 1);
  answer_ = new QPushButton(QStringLiteral("&Answer this questionnaire"));
  answer_->setObjectName("answerButton");
  layout->addWidget(answer_, 0, Qt::AlignLeft);
  status_ = new QLabel;
  status_->setObjectName("measuresStatus");
  status_->setWordWrap(true);
  layout->addWidget(status_);
  if (!problem.isEmpty()) status_->setText(problem);

  connect(answer_, &QPushButton::clicked, this, &MeasuresPage::answerSelected);
  connect(table_, &QTableView::activated, this, [this] { answerSelected(); });
  connect(model_, &MeasuresPageModel::loaded, this, &MeasuresPage::update);
  connect(model_, &MeasuresPageModel::instrumentReady, this, &MeasuresPage::update);
  connect(model_->selection(), &QItemSelectionModel::currentRowChanged, this, &MeasuresPage::update);
  connect(model_, &MeasuresPageModel::failed, this, [this](const client::RpcError& e) {
    update();
    // Offline with a kept list is said in the heading; the reporter says the rest.
    if (!(model_->fromCache() && e.kind == client::RpcError::Kind::Unreachable)) errors_.report(e);
  });
  connect(model_, &MeasuresPageModel::responseWaiting, this, [this](const QString&) {
    status_->setText(QStringLiteral("Your answers are saved on this computer and will be sent when the server can "
                                    "be reached."));
  });
  connect(model_, &MeasuresPageModel::responseDelivered, this,
          [this](const QString& key, const client::SubmittedResponse& s) {
            status_->setText(QStringLiteral("Thank you: your %1 answers have been received.")
                                 .arg(s.response.timePointLabel.isEmpty() ? QStringLiteral("questionnaire")
                                                                          : s.response.timePointLabel));
            // The server may fire a rule the answers alone did not (a total
            // at or beyond a threshold): its crisis text is shown then.
            if (s.riskRuleFired && !crisisShown_.contains(key)) {
              crisisShown_.insert(key);
              crisis_ = CrisisDialog::showNow(s.crisisText.isEmpty() ? fallbackCrisisText() : s.crisisText, window());
            }
          });
  connect(model_, &MeasuresPageModel::responseRefused, this, [this](const QString&, const client::RpcError& e) {
    status_->setText(QStringLiteral("Your answers were not accepted: %1").arg(e.message));
    errors_.report(e);
  });
  update();
}

QuestionnaireDialog* MeasuresPage::questionnaire() const { return questionnaire_.data(); }

CrisisDialog* MeasuresPage::crisisDialog() const { return crisis_.data(); }

void MeasuresPage::update() {
  heading_->setText(model_->heading());
  const client::DueMeasureInfo* due = model_->selectedDue();
  const bool ready = due != nullptr && due->status != client::DueStatus::Upcoming &&
                     model_->instrumentFor(*due).has_value() && model_->canSubmit();
  answer_->setEnabled(ready);
  answer_->setToolTip(due != nullptr && due->status == client::DueStatus::Upcoming
                          ? QStringLiteral("This questionnaire opens on %1.").arg(due->opensAt.toLocalTime().toString("d MMM"))
                          : QString());
}

void MeasuresPage::answerSelected() {
  const client::DueMeasureInfo* due = model_->selectedDue();
  if (due == nullptr || due->status == client::DueStatus::Upcoming) return;
  const std::optional<client::InstrumentInfo> instrument = model_->instrumentFor(*due);
  if (!instrument) {
    status_->setText(QStringLiteral("This questionnaire has not been loaded on this computer yet. Please try again "
                                    "when the server can be reached."));
    return;
  }
  const client::DueMeasureInfo chosen = *due;
  auto* dialog = new QuestionnaireDialog(*instrument, chosen, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  questionnaire_ = dialog;
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    QuestionnaireModel* q = dialog->model();
    const client::QuestionnaireAnswers answers = q->result(clock_.now());
    QString error;
    const QString key = model_->submit(answers, q->heading(), &error);
    if (key.isEmpty()) {
      status_->setText(error);
      return;
    }
    // Shown already while answering: the same rule is not shown twice.
    if (!q->firedRules().isEmpty()) crisisShown_.insert(key);
    status_->setText(QStringLiteral("Sending your answers…"));
  });
  dialog->open();
}

}  // namespace cft::participant
